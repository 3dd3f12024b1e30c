/** Full screen for projector mode; browsers may refuse (no user gesture, iframe), which is fine. */
export function toggleFullscreen(on: boolean): void {
  try {
    if (on && !document.fullscreenElement)
      void document.documentElement.requestFullscreen?.().catch(() => {});
    if (!on && document.fullscreenElement) void document.exitFullscreen?.().catch(() => {});
  } catch {
    // Not allowed here: projector mode still hides the chrome.
  }
}
