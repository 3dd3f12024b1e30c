/** The y-websocket message types (first varint of every frame), as the stock client numbers them. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

export type MessageType = (typeof MESSAGE)[keyof typeof MESSAGE];
