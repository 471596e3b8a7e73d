// Mean lunation plus the principal periodic terms for a new moon (J. Meeus, "Astronomical
// Algorithms", 2nd ed., ch. 49); good to a few minutes, which is far below a day's resolution.
const rad = Math.PI / 180;

/** The instant (UTC epoch ms) of the k-th new moon after 2000-01-06 (k may be negative). */
export function newMoonInstant(k: number): number {
  const T = k / 1236.85;
  const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  const E = 1 - 0.002516 * T - 0.0000074 * T * T;
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T * T) * rad;
  const Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T * T + 0.00001238 * T ** 3) * rad;
  const F = (160.7108 + 390.67050284 * k - 0.0016118 * T * T - 0.00000227 * T ** 3) * rad;
  const O = (124.7746 - 1.56375588 * k + 0.0020672 * T * T) * rad;
  const c =
    -0.4072 * Math.sin(Mp) +
    0.17241 * E * Math.sin(M) +
    0.01608 * Math.sin(2 * Mp) +
    0.01039 * Math.sin(2 * F) +
    0.00739 * E * Math.sin(Mp - M) -
    0.00514 * E * Math.sin(Mp + M) +
    0.00208 * E * E * Math.sin(2 * M) -
    0.00111 * Math.sin(Mp - 2 * F) -
    0.00057 * Math.sin(Mp + 2 * F) +
    0.00056 * E * Math.sin(2 * Mp + M) -
    0.00042 * Math.sin(3 * Mp) +
    0.00042 * E * Math.sin(M + 2 * F) +
    0.00038 * E * Math.sin(M - 2 * F) -
    0.00024 * E * Math.sin(2 * Mp - M) -
    0.00017 * Math.sin(O);
  const deltaTDays = 69 / 86_400; // TT − UT, near enough for whole days
  return (jde + c - deltaTDays - 2440587.5) * 86_400_000;
}

/** Index k of the last new moon at or before an instant. */
export function lunationAtOrBefore(instant: number): number {
  let k = Math.floor((instant / 86_400_000 + 2440587.5 - 2451550.09766) / 29.530588861) + 1;
  while (newMoonInstant(k) > instant) k--;
  return k;
}
