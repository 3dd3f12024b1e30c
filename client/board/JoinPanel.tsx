import { useId, useState } from 'react';
import { renewFacilitatorKey, type SessionInfo } from '../api/api';
import { facilitatorLink, peekScreenKey, rememberScreenKey } from '../device/screenKey';
import { useT } from '../i18n/useT';
import { readStored, writeStored } from '../util/storage';
import { QrCode } from './QrCode';

/** Whether the board's join panel is folded, remembered on this device. */
const FOLDED_KEY = 'kringen:joinPanelFolded';

/**
 * How phones get in: the join code in big letters, a QR code and the address. On the
 * board's side (`showShare`) it folds away to the code alone, so the inbox below it is in
 * view on a laptop; the projector's join corner (ProjectorCorner.tsx) always shows it all.
 */
export function JoinPanel({
  info,
  large = false,
  showShare = false,
}: {
  info: SessionInfo;
  large?: boolean;
  showShare?: boolean;
}) {
  const t = useT();
  const id = useId();
  const address = info.joinUrl.replace(/^https?:\/\//, '');
  const [folded, setFolded] = useState(() => showShare && readStored(FOLDED_KEY, (v) => v === true) === true);
  const fold = (next: boolean) => {
    setFolded(next);
    writeStored(FOLDED_KEY, next);
  };
  let className = large ? 'join-panel join-panel--large' : 'join-panel';
  if (folded) className += ' join-panel--folded';
  return (
    <section className={className} aria-labelledby={`${id}-h`}>
      <div className="join-panel__top">
        <h2 id={`${id}-h`} className="join-panel__heading">
          {t('joinPanel.heading')}
        </h2>
        {showShare && (
          <button
            type="button"
            className="button button--small button--quiet"
            aria-expanded={!folded}
            aria-controls={`${id}-more`}
            onClick={() => fold(!folded)}
          >
            {folded ? t('joinPanel.unfold') : t('joinPanel.fold')}
          </button>
        )}
      </div>
      <p className="join-code">
        <span className="join-code__label">{t('join.code')}</span>
        <strong className="join-code__value">{info.joinCode}</strong>
      </p>
      <div id={`${id}-more`} hidden={folded}>
        <div className="join-panel__body">
          <QrCode value={info.joinUrl} label={t('joinPanel.qr')} size={large ? 220 : 128} />
          <div className="join-panel__text">
            <p className="join-panel__address">
              {t('joinPanel.orGoTo')}{' '}
              <a href={info.joinUrl} target="_blank" rel="noreferrer">
                {address}
              </a>
            </p>
          </div>
        </div>
        {showShare && info.role === 'facilitator' && (
          <>
            <ShareLinks presenterUrl={info.presenterUrl} />
            <FacilitatorLink sessionId={info.id} />
          </>
        )}
      </div>
    </section>
  );
}

/** Copies a link to the clipboard; where the browser refuses, the link is shown to copy by hand. */
function useCopy() {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }
  return { copied, copy };
}

function CopyResult({ copied, url }: { copied: 'copied' | 'failed' | null; url: string }) {
  const t = useT();
  return (
    <>
      <p className="field__hint" role="status">
        {copied === 'copied' && t('joinPanel.copied')}
      </p>
      {copied === 'failed' && (
        <label className="field">
          <span className="field__label">{t('joinPanel.copyManually')}</span>
          <input readOnly value={url} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </>
  );
}

/** The presenter link with its key: the server gives it to facilitators only. */
function ShareLinks({ presenterUrl }: { presenterUrl: string }) {
  const t = useT();
  const { copied, copy } = useCopy();
  return (
    <div className="share-links">
      <div className="button-row">
        <button type="button" className="button button--small" onClick={() => copy(presenterUrl)}>
          {t('joinPanel.copyPresenter')}
        </button>
        <a className="button button--small" href={presenterUrl} target="_blank" rel="noreferrer">
          {t('joinPanel.openPresenter')}
        </a>
      </div>
      <CopyResult copied={copied} url={presenterUrl} />
    </div>
  );
}

/**
 * This board's own link with the facilitator key, to open the board on another device
 * (prepare on a laptop, project from the venue's PC), with the warning that goes with it
 * and a way to retire the key when the link leaked.
 */
function FacilitatorLink({ sessionId }: { sessionId: string }) {
  const t = useT();
  const id = useId();
  const { copied, copy } = useCopy();
  const [renewing, setRenewing] = useState(false);
  const [failed, setFailed] = useState(false);
  const key = peekScreenKey('board', sessionId);
  if (!key) return null;
  const url = facilitatorLink(sessionId, key);

  async function renew() {
    if (!key || !window.confirm(t('facilitatorLink.renewConfirm'))) return;
    setRenewing(true);
    const result = await renewFacilitatorKey(sessionId, key);
    if (!result.ok) {
      setRenewing(false);
      setFailed(true);
      return;
    }
    rememberScreenKey('board', sessionId, result.value.facilitatorKey);
    // The server closed this board's connection with the old key: start again with the new one.
    location.reload();
  }

  return (
    <div className="share-links facilitator-link">
      <p className="facilitator-link__warning" id={`${id}-warn`}>
        {t('facilitatorLink.warning')}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--small"
          aria-describedby={`${id}-warn`}
          onClick={() => copy(url)}
        >
          {t('facilitatorLink.copy')}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={renewing}
          onClick={renew}
        >
          {t('facilitatorLink.renew')}
        </button>
      </div>
      <CopyResult copied={copied} url={url} />
      {failed && (
        <p className="form-error" role="alert">
          {t('facilitatorLink.renewFailed')}
        </p>
      )}
    </div>
  );
}
