import { useEffect, useRef } from 'react';
import type { ErrorEnvelope } from '@shared/contract/WorkbenchError';
import { useT, useWorkbench } from '../store/StoreContext';
import { errorBannerMessage } from './errorBannerText';

/**
 * Shows an error plainly, in the UI's language (see errorBannerText); details on demand.
 * `reveal`: scrolled into view when it appears, for a view whose button may be far below the banner (Import).
 */
export function ErrorBanner({ error, testId = 'error-banner', reveal = false }: { error: ErrorEnvelope; testId?: string; reveal?: boolean }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView.
    if (reveal) box.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [reveal, error]);
  const locale = useWorkbench((state) => state.locale);
  const title = error.code === 'sql' ? t('error.sqlTitle') : t('error.title');
  const message = errorBannerMessage(error, locale);
  return (
    <div className={`error-banner error-${error.kind}`} role="alert" data-testid={testId} ref={box}>
      <div className="error-title">
        {title}
        {error.position ? <span className="error-position"> · {t('error.at', { line: error.position.line, column: error.position.column })}</span> : null}
      </div>
      <div className="error-message">{message}</div>
      {error.kind === 'bug' ? <div className="error-hint">{t('error.bug')}</div> : null}
      {error.detail && error.detail !== error.message ? (
        <details>
          <summary>{t('error.details')}</summary>
          <pre>{error.detail}</pre>
        </details>
      ) : null}
    </div>
  );
}
