// First: opens the board's socket while the rest downloads.
import './openEarly';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, screenCodeSettled } from './App';
import { applyDocumentLanguage } from './i18n/language';
import { registerPhoneServiceWorker } from './phone/registerServiceWorker';
import './styles/base.css';

applyDocumentLanguage();
registerPhoneServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('Kringen: the page has no #root element.');
// On the board and presenter, React starts once their code is here (App.tsx, loadedScreen).
void screenCodeSettled.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
