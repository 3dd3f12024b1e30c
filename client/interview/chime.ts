/**
 * A soft signal at the switch of roles: a short vibration where phones allow it, and a
 * quiet two-tone chime (Web Audio; silent where the page never had a tap to allow sound).
 */
let audio: AudioContext | null = null;

export function chime(): void {
  navigator.vibrate?.([180, 90, 180]);
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 660],
      [0.22, 880],
    ] as const) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.06, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.35);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.4);
    }
  } catch {
    // No sound here: the vibration and the banner still say it.
  }
}
