import { Injectable } from '@angular/core';

const TONE_HZ = 880;
const BEEP_S = 0.18;
const BEEPS = 3;

/**
 * Three short beeps for an urgent alert, made with Web Audio (no sound file to ship). Browsers
 * let a page make sound only after a click on it: `unlock()` is called from the opt-in click.
 */
@Injectable({ providedIn: 'root' })
export class UrgentSound {
  private context: AudioContext | null = null;

  unlock(): void {
    if (typeof AudioContext === 'undefined') return;
    this.context ??= new AudioContext();
    void this.context.resume();
  }

  play(): void {
    this.unlock();
    const context = this.context;
    if (!context) return;
    for (let beep = 0; beep < BEEPS; beep++) {
      const start = context.currentTime + beep * BEEP_S * 2;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = TONE_HZ;
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + BEEP_S);
    }
  }
}
