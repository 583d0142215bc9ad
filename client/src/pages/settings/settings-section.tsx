import type { ReactNode } from 'react';

/** One titled block of the settings page; its id is the target of the page's table of contents. */
export function SettingsSection({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="panel settings__section" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p className="panel__intro">{intro}</p>}
      {children}
    </section>
  );
}
