import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo, useContext } from 'react';
import { deleteRipple } from '../../shared/doc/commands';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { showNotice, startEditing } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';
import { CanvasReadOnlyContext } from './CanvasModeContext';
import { FLOW_ID } from './flowId';
import { orderLabel } from './orderLabel';
import type { RippleNode as RippleNodeType } from './toFlow';

const INTENDED_MARK: Record<string, MessageKey | null> = {
  intended: 'node.intended',
  unintended: 'node.unintended',
  unknown: null,
};
const VALENCE_MARK: Record<string, { symbol: string; key: MessageKey } | null> = {
  positive: { symbol: '+', key: 'node.positive' },
  negative: { symbol: '−', key: 'node.negative' },
  mixed: { symbol: '±', key: 'node.mixed' },
  unknown: null,
};

/**
 * A ripple card on the map. The code shows as a coloured, patterned stripe and a label
 * (so it reads in black-and-white print too); order, intendedness and valence as text.
 */
export const RippleNode = memo(function RippleNode({ id, data, selected }: NodeProps<RippleNodeType>) {
  const t = useT();
  const readOnly = useContext(CanvasReadOnlyContext);
  const { doc, actor, store } = useSessionHandle();
  const canChange = !readOnly && actor.role === 'facilitator';
  const order = Math.min(data.order, 4);
  const intended = INTENDED_MARK[data.intended];
  const valence = VALENCE_MARK[data.valence];

  function remove() {
    const result = deleteRipple(doc, actor, id);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  return (
    <div
      className={`ripple-card ripple-card--order-${order}${data.kind === 'activity' ? ' ripple-card--activity' : ''}`}
    >
      <span
        className={`code-stripe pattern--${data.codePattern ?? 'none'}`}
        style={data.codeColor ? { backgroundColor: data.codeColor } : undefined}
        aria-hidden="true"
      />
      <TargetHandle nodeId={id} connectable={canChange} />
      <div className="ripple-card__meta">
        <span className={`order-badge order-badge--${order}`}>
          {data.kind === 'activity' ? t('node.activity') : orderLabel(t, data.order)}
        </span>
        {data.codeLabel && <span className="code-label">{data.codeLabel}</span>}
        {!data.codeLabel && data.suggestedLabel && (
          <span className="code-label code-label--suggested">
            {t('node.suggested', { code: data.suggestedLabel })}
          </span>
        )}
        {intended && <span className={`mark mark--${data.intended}`}>{t(intended)}</span>}
        {valence && (
          <span className="mark mark--valence" title={t(valence.key)}>
            <span aria-hidden="true">{valence.symbol}</span>
            <span className="visually-hidden">{t(valence.key)}</span>
          </span>
        )}
        {data.votes > 0 && <span className="mark mark--votes">{t('node.votes', { count: data.votes })}</span>}
      </div>
      <p className="ripple-card__text">{data.text}</p>
      {(data.author || data.coAuthors > 0) && (
        <p className="ripple-card__author">
          {data.author ?? t('inbox.anonymous')}
          {data.coAuthors > 0 && ` ${t('node.coAuthors', { count: data.coAuthors })}`}
        </p>
      )}
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

/**
 * Where a link being drawn can end: the element React Flow's connection code looks up by
 * `data-id` (XYHandle.isValid), without React Flow's `<Handle>`. That component subscribes
 * to the flow's store, and a thousand of them ran a thousand selectors on every pan frame
 * (bench/boardRender.ts). A link starts only at the source handle, so this one needs no
 * pointer events of its own (it passes a press on to the card, which drags).
 */
function TargetHandle({ nodeId, connectable }: { nodeId: string; connectable: boolean }) {
  return (
    <div
      className={`react-flow__handle react-flow__handle-left target nodrag nopan${connectable ? ' connectable connectableend' : ''}`}
      data-nodeid={nodeId}
      data-handlepos={Position.Left}
      data-id={`${FLOW_ID}-${nodeId}-null-target`}
    />
  );
}
