import { useT } from '../i18n/useT';

export type PhoneTab = 'add' | 'map' | 'vote';

const TABS: readonly PhoneTab[] = ['add', 'map', 'vote'];
const LABEL = { add: 'phone.nav.add', map: 'phone.nav.map', vote: 'phone.nav.vote' } as const;

/** The phone's three parts as big buttons; the current one is marked for screen readers too. */
export function PhoneNav({
  tab,
  onTab,
  votingOpen,
}: {
  tab: PhoneTab;
  onTab: (tab: PhoneTab) => void;
  votingOpen: boolean;
}) {
  const t = useT();
  return (
    <nav className="phone-nav" aria-label={t('phone.nav')}>
      {TABS.map((name) => (
        <button
          key={name}
          type="button"
          className={`phone-nav__item${name === 'vote' && votingOpen ? ' phone-nav__item--live' : ''}`}
          aria-current={tab === name ? 'page' : undefined}
          onClick={() => onTab(name)}
        >
          {t(LABEL[name])}
        </button>
      ))}
    </nav>
  );
}
