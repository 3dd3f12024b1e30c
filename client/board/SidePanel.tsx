import { useSession } from '../store/SessionContext';
import { selectPanel } from '../store/selectors';
import { AddRippleForm } from './AddRippleForm';
import { CodebookPanel } from './CodebookPanel';
import { EditRipplePanel } from './EditRipplePanel';
import { InboxPanel } from './InboxPanel';
import { PromptCardPanel } from './PromptCard';
import { BoardAnalysisPanel, BoardExportPanel, BoardReplayPanel } from './ResearchPanels';

/** The board's side panel: inbox, add, edit, the prompt card, or the research panels (export, analysis, replay). */
export function SidePanel({ sessionId }: { sessionId: string }) {
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
    case 'export':
      return <BoardExportPanel />;
    case 'analysis':
      return <BoardAnalysisPanel />;
    case 'replay':
      return <BoardReplayPanel sessionId={sessionId} />;
  }
}
