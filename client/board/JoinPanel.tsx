import { useId, useState } from 'react';
import type { SessionInfo } from '../api/api';
import { useT } from '../i18n/useT';
import { QrCode } from './QrCode';

/** How phones get in: the join code in big letters, a QR code and the address. */
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
  return (
    <section className={large ? 'join-panel join-panel--large' : 'join-panel'} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="join-panel__heading">
        {t('joinPanel.heading')}
      </h2>
      <p className="join-code">
        <span className="join-code__label">{t('join.code')}</span>
        <strong className="join-code__value">{info.joinCode}</strong>
      </p>
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
      {showShare && info.presenterUrl.includes('#key=') && <ShareLinks presenterUrl={info.presenterUrl} />}
    </section>
  );
}

/** The presenter link with its key: the server gives it to facilitators only. */
function ShareLinks({ presenterUrl }: { presenterUrl: string }) {
  const t = useT();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

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
      <p className="field__hint" role="status">
        {copied === 'copied' && t('joinPanel.copied')}
      </p>
      {copied === 'failed' && (
        <label className="field">
          <span className="field__label">{t('joinPanel.copyManually')}</span>
          <input readOnly value={presenterUrl} onFocus={(e) => e.target.select()} />
        </label>
      )}
    </div>
  );
}
