import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export interface ModalDialogProps {
  /** The dialog's accessible name (when it has no heading to point at), or the id of its heading. */
  label?: string;
  labelledBy?: string;
  /** alertdialog for a question the user must answer (a conflict), dialog otherwise. */
  role?: 'dialog' | 'alertdialog';
  /** Escape and the backdrop (where allowed) call it; absent, only the dialog's own buttons close it. */
  onClose?: () => void;
  /** A click on the backdrop closes too: only for dialogs that hold nothing the user typed. */
  closeOnBackdrop?: boolean;
  /** The dialog is a form: Enter submits it. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  backdropClassName: string;
  className: string;
  testId: string;
  children: ReactNode;
}

/**
 * The one modal of the app: a backdrop, aria-modal, Escape closes, Tab stays
 * inside, focus moves in when it opens (unless a field asked for it) and goes
 * back to what had it when it closes.
 */
export function ModalDialog({ label, labelledBy, role = 'dialog', onClose, closeOnBackdrop = false, onSubmit, backdropClassName, className, testId, children }: ModalDialogProps) {
  const box = useRef<HTMLElement | null>(null);
  // Read while rendering, before a field of the dialog takes the focus with autoFocus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const element = box.current;
    if (element && !element.contains(document.activeElement)) (element.querySelector<HTMLElement>(FOCUSABLE) ?? element).focus();
    return () => {
      if (opener && opener.isConnected) opener.focus();
    };
  }, [opener]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && onClose) {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const common = {
    className,
    role,
    'aria-modal': true as const,
    'aria-label': labelledBy ? undefined : label,
    'aria-labelledby': labelledBy,
    'data-testid': testId,
    tabIndex: -1,
    onKeyDown,
  };
  return (
    <div
      className={backdropClassName}
      role="presentation"
      onMouseDown={(event) => {
        if (closeOnBackdrop && onClose && event.target === event.currentTarget) onClose();
      }}
    >
      {onSubmit ? (
        <form {...common} ref={(element) => void (box.current = element)} onSubmit={onSubmit}>
          {children}
        </form>
      ) : (
        <div {...common} ref={(element) => void (box.current = element)}>
          {children}
        </div>
      )}
    </div>
  );
}
