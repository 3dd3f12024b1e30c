import { createContext } from 'react';

/** True on screens that only show the map (the presenter), whatever the key's role. */
export const CanvasReadOnlyContext = createContext(true);
