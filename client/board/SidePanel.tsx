import { useSession } from '../store/SessionContext';
import { selectPanel } from '../store/selectors';
import { AddRippleForm } from './AddRippleForm';
import { EditRipplePanel } from './EditRipplePanel';
import { InboxPanel } from './InboxPanel';

/** The board's side panel: one of inbox, add or edit. Later issues add codes, phases, export. */
export function SidePanel() {
  const panel = useSession(selectPanel);
  switch (panel) {
    case 'inbox':
      return <InboxPanel />;
    case 'add':
      return <AddRippleForm />;
    case 'edit':
      return <EditRipplePanel />;
  }
}
