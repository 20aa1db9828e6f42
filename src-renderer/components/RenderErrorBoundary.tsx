import { Component, type ReactNode } from 'react';
import { useT } from '../store/StoreContext';

interface BoundaryProps {
  children: ReactNode;
  /** A change (another cell, another view) clears a caught error. */
  resetKey: unknown;
  testId: string;
  failedText: (message: string) => string;
  retryText: string;
}

interface BoundaryState {
  error: Error | null;
  resetKey: unknown;
}

/**
 * Keeps a rendering error where it happened: a cell or a view that throws
 * while rendering shows the error in its own place instead of unmounting
 * the whole page (React leaves a blank window otherwise).
 */
class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return Object.is(props.resetKey, state.resetKey) ? null : { error: null, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown): void {
    // A rendering error is a bug: keep it visible in the console for a report.
    console.error('[iwb] render failed:', error);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="render-error" role="alert" data-testid={this.props.testId}>
        <span>{this.props.failedText(error.message)}</span>{' '}
        <button type="button" className="link-button" onClick={() => this.setState({ error: null })}>
          {this.props.retryText}
        </button>
      </div>
    );
  }
}

/** An error boundary with the texts in the user's language. */
export function RenderErrorBoundary(props: { children: ReactNode; resetKey: unknown; testId: string }) {
  const t = useT();
  return (
    <Boundary resetKey={props.resetKey} testId={props.testId} failedText={(message) => t('app.renderFailed', { message })} retryText={t('app.renderRetry')}>
      {props.children}
    </Boundary>
  );
}
