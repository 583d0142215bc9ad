import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A panel sliding in from the side, on a native modal `<dialog>`: the page behind is inert, Esc
 * closes it, and focus moves to its title on opening and back to what opened it on closing.
 * Render it only while it is open; `onClose` is called however it was closed.
 */
export function Drawer({
  title,
  onClose,
  children,
  returnFocusTo,
  testId,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** What opened it; without it, what had focus (Safari does not focus a clicked button). */
  returnFocusTo?: HTMLElement | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  // Taken once, at the first render, so StrictMode's second effect run sees the same opener.
  const [opener] = useState(
    () => returnFocusTo ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null),
  );

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    heading.current?.focus();
    // Removing an open dialog closes it without an event; focus goes back where it came from.
    return () => opener?.focus();
  }, [opener]);

  return (
    <dialog
      ref={dialog}
      className="drawer"
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog itself, outside its body.
        if (event.target === event.currentTarget) event.currentTarget.close();
      }}
    >
      <div className="drawer__body">
        <div className="drawer__header">
          <h2 id={titleId} ref={heading} tabIndex={-1} className="drawer__title">
            {title}
          </h2>
          <button type="button" className="button button--secondary button--small" onClick={onClose}>
            {t('drawer.close')}
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
