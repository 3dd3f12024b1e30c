/** The server's log lines: one line per event, with room and connection named. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(`[kringen] ${message}`),
  warn: (message) => console.warn(`[kringen] ${message}`),
  error: (message) => console.error(`[kringen] ${message}`),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
