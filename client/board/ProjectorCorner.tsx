import type { SessionInfo } from '../api/api';
import { useT } from '../i18n/useT';
import { setJoinCornerShown } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectParticipantCount } from '../store/selectors';
import { QrCode } from './QrCode';

const selectShown = (s: DocState) => s.joinCornerShown;

/** The corner late joiners look at: join code, QR code of the join link and how many are here. */
export function ProjectorCorner({ info }: { info: SessionInfo | null }) {
  const t = useT();
  const { store } = useSessionHandle();
  const shown = useSession(selectShown);
  const participants = useSession(selectParticipantCount);
  return (
    <aside className="projector-corner" aria-label={t('projector.corner')}>
      <p className="projector-corner__count" role="status">
        {t('projector.participants', { count: participants })}
      </p>
      {shown && info && (
        <div className="projector-corner__join">
          <QrCode value={info.joinUrl} label={t('joinPanel.qr')} size={180} />
          <div>
            <p className="projector-corner__label">{t('projector.joinAt')}</p>
            <p className="projector-corner__address">
              {info.joinUrl.replace(/^https?:\/\//, '').replace(/\/j\/.*/, '')}
            </p>
            <p className="projector-corner__label">{t('join.code')}</p>
            <strong className="projector-corner__code">{info.joinCode}</strong>
          </div>
        </div>
      )}
      <button
        type="button"
        className="button button--small button--quiet projector-chrome"
        aria-pressed={!shown}
        onClick={() => setJoinCornerShown(store, !shown)}
      >
        {shown ? t('projector.hideJoin') : t('projector.showJoin')}
      </button>
    </aside>
  );
}
