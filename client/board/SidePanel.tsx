import { lazy, Suspense } from 'react';
import { useT } from '../i18n/useT';
import { useSession } from '../store/SessionContext';
import { selectPanel } from '../store/selectors';
import { AddRippleForm } from './AddRippleForm';
import { EditRipplePanel } from './EditRipplePanel';
import { InboxPanel } from './InboxPanel';
import { PromptCardPanel } from './PromptCard';
import { SetupPanel } from './SetupPanel';
import { VotingPanel } from './VotingPanel';

// Panels the board does not open on its own load as chunks of their own when first opened,
// so the board's first render does not wait for their code (bench/boardRender.ts). The
// research panels carry the export's embedded fonts (46 KB).
const research = () => import('./ResearchPanels');
const BoardExportPanel = lazy(() => research().then((m) => ({ default: m.BoardExportPanel })));
const BoardAnalysisPanel = lazy(() => research().then((m) => ({ default: m.BoardAnalysisPanel })));
const BoardReplayPanel = lazy(() => research().then((m) => ({ default: m.BoardReplayPanel })));
const InterviewPanel = lazy(() => import('../interview/InterviewPanel'));
const CodebookPanel = lazy(() => import('./CodebookPanel').then((m) => ({ default: m.CodebookPanel })));

/** The board's side panel: inbox, add, edit, the prompt card, or the research panels (export, analysis, replay). */
export function SidePanel({ sessionId }: { sessionId: string }) {
  const t = useT();
  return (
    <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
      <CurrentPanel sessionId={sessionId} />
    </Suspense>
  );
}

function CurrentPanel({ sessionId }: { sessionId: string }) {
  const panel = useSession(selectPanel);
  switch (panel) {
    case 'inbox':
      return <InboxPanel />;
    case 'add':
      return <AddRippleForm />;
    case 'edit':
      return <EditRipplePanel />;
    case 'prompt':
      return <PromptCardPanel />;
    case 'codebook':
      return <CodebookPanel />;
    case 'voting':
      return <VotingPanel />;
    case 'setup':
      return <SetupPanel />;
    case 'export':
      return <BoardExportPanel sessionId={sessionId} />;
    case 'analysis':
      return <BoardAnalysisPanel />;
    case 'replay':
      return <BoardReplayPanel sessionId={sessionId} />;
    case 'interview':
      return <InterviewPanel />;
  }
}
