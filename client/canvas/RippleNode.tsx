import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo, useContext } from 'react';
import { deleteRipple } from '../../shared/doc/commands';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice, startEditing } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';
import { CanvasReadOnlyContext } from './CanvasModeContext';
import { orderLabel } from './orderLabel';
import type { RippleNode as RippleNodeType } from './toFlow';

/** A ripple card on the map. The board shows edit and delete on the selected card. */
export const RippleNode = memo(function RippleNode({ id, data, selected }: NodeProps<RippleNodeType>) {
  const t = useT();
  const readOnly = useContext(CanvasReadOnlyContext);
  const { doc, actor, store } = useSessionHandle();
  const canChange = !readOnly && actor.role === 'facilitator';
  const order = Math.min(data.order, 4);

  function remove() {
    const result = deleteRipple(doc, actor, id);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  return (
    <div
      className={`ripple-card ripple-card--order-${order}`}
      style={data.codeColor ? { borderLeftColor: data.codeColor } : undefined}
    >
      <Handle type="target" position={Position.Left} isConnectable={canChange} />
      <div className="ripple-card__meta">
        <span className={`order-badge order-badge--${order}`}>{orderLabel(t, data.order)}</span>
        {data.codeLabel && <span className="code-label">{data.codeLabel}</span>}
      </div>
      <p className="ripple-card__text">{data.text}</p>
      {data.author && <p className="ripple-card__author">{data.author}</p>}
      {canChange && selected && (
        <div className="ripple-card__actions nodrag">
          <button type="button" className="button button--small" onClick={() => startEditing(store, id)}>
            {t('board.edit')}
          </button>
          <button type="button" className="button button--small button--danger" onClick={remove}>
            {t('board.delete')}
          </button>
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={canChange} />
    </div>
  );
});
