// os.date and os.time of Lua 5.1 on glibc: gmtime/localtime, strftime in the C locale (one
// conversion at a time, as loslib.c calls it) and mktime's normalisation. Local time is the
// process's TZ as JS sees it; UTC calendar arithmetic is done by hand so every year glibc
// accepts (a 32-bit tm_year) works.

/** struct tm plus the zone data strftime needs. */
interface Tm {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  min: number;
  sec: number;
  wday: number; // 0 = Sunday
  yday: number; // 0-365
  isdst: boolean;
  gmtoff: number; // seconds east of UTC
  /** The time_t this was broken down from, or null for UTC (zone "GMT"). */
  localTime: number | null;
  /** %s: mktime() of these fields. */
  epoch: number;
}

const DAY = 86400;
const DAYS_PER_400Y = 146097;
const JS_DATE_LIMIT = 8.64e12; // seconds on either side of the epoch that Date represents

/** Days from 1970-01-01 to year-month-1 (month 0-based, any integer; Hinnant's algorithm). */
function daysFromCivil(year: number, month: number): number {
  year += Math.floor(month / 12);
  month = ((month % 12) + 12) % 12;
  const y = month < 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 10) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_400Y + doe - 719468;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Broken-down UTC fields of day number `days` and second of day `secs`. */
function civil(days: number, secs: number): Omit<Tm, 'isdst' | 'gmtoff' | 'localTime' | 'epoch'> {
  const z = days + 719468;
  const era = Math.floor(z / DAYS_PER_400Y);
  const doe = z - era * DAYS_PER_400Y;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    min: Math.floor((secs % 3600) / 60),
    sec: secs % 60,
    wday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(year, 0),
  };
}

/** Splits seconds into [days, second of day], exactly even beyond 2^53. */
function splitDays(t: number): [number, number] {
  if (Math.abs(t) <= Number.MAX_SAFE_INTEGER) {
    const days = Math.floor(t / DAY);
    return [days, t - days * DAY];
  }
  const b = BigInt(t);
  let days = b / 86400n;
  let secs = b % 86400n;
  if (secs < 0n) {
    secs += 86400n;
    days -= 1n;
  }
  return [Number(days), Number(secs)];
}

/** The local UTC offset (seconds east) at UTC time t; far times reuse the same day 400-year cycles away. */
function localOffset(t: number): number {
  const cycle = DAYS_PER_400Y * DAY;
  if (Math.abs(t) > JS_DATE_LIMIT) t -= Math.trunc(t / cycle) * cycle;
  return -new Date(t * 1000).getTimezoneOffset() * 60;
}

const standardOffsets = new Map<string, number>();

/**
 * Whether the local zone is on daylight time at t: its offset exceeds the zone's standard one,
 * taken as the smallest offset seen in January or July over seven years around (so all-year
 * daylight periods such as US war time still count as daylight).
 */
function isDaylight(off: number, year: number): boolean {
  const key = `${process.env.TZ}:${year}`;
  let std = standardOffsets.get(key);
  if (std === undefined) {
    std = Infinity;
    for (let y = year - 3; y <= year + 3; y++) {
      std = Math.min(std, localOffset(daysFromCivil(y, 0) * DAY), localOffset(daysFromCivil(y, 6) * DAY));
    }
    standardOffsets.set(key, std);
  }
  return off > std;
}

let zoneFormat: { tz: string | undefined; fmt: Intl.DateTimeFormat } | undefined;

/**
 * The zone abbreviation JS knows for t (e.g. "EST"). ICU names old dates only by offset
 * ("GMT-5"), so those borrow the name of a recent date with the same offset.
 */
function zoneName(t: number): string {
  const tz = process.env.TZ;
  if (zoneFormat === undefined || zoneFormat.tz !== tz) {
    zoneFormat = { tz, fmt: new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }) };
  }
  const fmt = zoneFormat.fmt;
  const name = (at: number): string =>
    fmt.formatToParts(new Date(at * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const cycle = DAYS_PER_400Y * DAY;
  if (Math.abs(t) > JS_DATE_LIMIT) t -= Math.trunc(t / cycle) * cycle;
  const own = name(t);
  if (!/^GMT[+-]/.test(own)) return own;
  const off = localOffset(t);
  for (const ref of [1704067200, 1719792000]) { // 2024-01-01, 2024-07-01
    if (localOffset(ref) === off && !/^GMT[+-]/.test(name(ref))) return name(ref);
  }
  return own;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** gmtime (utc) or localtime of a time_t; null where glibc returns NULL (tm_year overflow). */
function breakDown(t: number, utc: boolean): Tm | null {
  const off = utc ? 0 : localOffset(t);
  const [days, secs] = splitDays(t + off);
  const f = civil(days, secs);
  if (f.year - 1900 < INT_MIN || f.year - 1900 > INT_MAX) return null;
  f.year |= 0; // tm_year + 1900 is int arithmetic in Lua and glibc: it wraps past 2^31 - 1
  if (utc) return { ...f, isdst: false, gmtoff: 0, localTime: null, epoch: mktime(f, 0) };
  return { ...f, isdst: isDaylight(off, f.year), gmtoff: off, localTime: t, epoch: t };
}

/**
 * mktime: local time for normalised fields (month 1-based, any ints). `isdst` < 0 lets the
 * zone decide; 0 or 1 forces that interpretation, glibc-style, shifting by an hour when the
 * zone disagrees.
 */
function mktime(f: { year: number; month: number; day: number; hour: number; min: number; sec: number }, isdst: number): number {
  const days = daysFromCivil(f.year, f.month - 1) + f.day - 1;
  let local = days * DAY + f.hour * 3600 + f.min * 60 + f.sec;
  if (!Number.isSafeInteger(local)) local = Number(BigInt(days) * 86400n + BigInt(f.hour * 3600 + f.min * 60 + f.sec));
  // Find t with t + offset(t) = local; in a spring-forward gap glibc keeps the earlier offset.
  const t1 = local - localOffset(local);
  const t2 = local - localOffset(t1);
  let t = t2 + localOffset(t2) === local ? t2 : t1;
  if (isdst >= 0) {
    const off = localOffset(t);
    const [days] = splitDays(t + off);
    const actual = isDaylight(off, civil(days, 0).year) ? 1 : 0;
    if (actual !== isdst) t += (actual - isdst) * 3600;
  }
  return t;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function space2(n: number): string {
  return n < 10 ? ' ' + n : String(n);
}

/** ISO 8601 week-based [year, week] (%G, %V). */
function isoWeek(tm: Tm): [number, number] {
  let year = tm.year;
  let days = tm.yday - ((tm.wday + 6) % 7) + 3; // yday of this week's Thursday
  if (days < 0) {
    year--;
    days += isLeap(year) ? 366 : 365;
  } else if (days >= (isLeap(year) ? 366 : 365)) {
    days -= isLeap(year) ? 366 : 365;
    year++;
  }
  return [year | 0, Math.floor(days / 7) + 1];
}

/** strftime of the single conversion `%c` in the C locale. */
function conversion(c: string, tm: Tm): string {
  switch (c) {
    case 'a': return DAY_NAMES[tm.wday].slice(0, 3);
    case 'A': return DAY_NAMES[tm.wday];
    case 'b': case 'h': return MONTH_NAMES[tm.month - 1].slice(0, 3);
    case 'B': return MONTH_NAMES[tm.month - 1];
    case 'c': return `${conversion('a', tm)} ${conversion('b', tm)} ${space2(tm.day)} ${conversion('T', tm)} ${tm.year}`;
    case 'C': return String(Math.floor(tm.year / 100));
    case 'd': return pad2(tm.day);
    case 'D': case 'x': return `${pad2(tm.month)}/${pad2(tm.day)}/${conversion('y', tm)}`;
    case 'e': return space2(tm.day);
    case 'F': return `${tm.year}-${pad2(tm.month)}-${pad2(tm.day)}`;
    case 'g': return pad2(((isoWeek(tm)[0] % 100) + 100) % 100);
    case 'G': return String(isoWeek(tm)[0]);
    case 'H': return pad2(tm.hour);
    case 'I': return pad2(tm.hour % 12 || 12);
    case 'j': return String(tm.yday + 1).padStart(3, '0');
    case 'k': return space2(tm.hour);
    case 'l': return space2(tm.hour % 12 || 12);
    case 'm': return pad2(tm.month);
    case 'M': return pad2(tm.min);
    case 'n': return '\n';
    case 'p': return tm.hour < 12 ? 'AM' : 'PM';
    case 'P': return tm.hour < 12 ? 'am' : 'pm';
    case 'r': return `${conversion('I', tm)}:${pad2(tm.min)}:${pad2(tm.sec)} ${conversion('p', tm)}`;
    case 'R': return `${pad2(tm.hour)}:${pad2(tm.min)}`;
    case 's': return Number.isSafeInteger(tm.epoch) ? String(tm.epoch) : BigInt(tm.epoch).toString();
    case 'S': return pad2(tm.sec);
    case 't': return '\t';
    case 'T': case 'X': return `${pad2(tm.hour)}:${pad2(tm.min)}:${pad2(tm.sec)}`;
    case 'u': return String(tm.wday || 7);
    case 'U': return pad2(Math.floor((tm.yday + 7 - tm.wday) / 7));
    case 'V': return pad2(isoWeek(tm)[1]);
    case 'w': return String(tm.wday);
    case 'W': return pad2(Math.floor((tm.yday + 7 - ((tm.wday + 6) % 7)) / 7));
    case 'y': return pad2(((tm.year % 100) + 100) % 100);
    case 'Y': return String(tm.year);
    case 'z': {
      const a = Math.abs(tm.gmtoff);
      return (tm.gmtoff < 0 ? '-' : '+') + pad2(Math.floor(a / 3600)) + pad2(Math.floor((a % 3600) / 60));
    }
    case 'Z': return tm.localTime === null ? 'GMT' : zoneName(tm.localTime);
    case '%': return '%';
    default:
      // glibc copies an unknown or incomplete spec as is; a digit is a field width for it.
      return c >= '1' && c <= '9' ? ('%' + c).padStart(c.charCodeAt(0) - 0x30) : '%' + c;
  }
}

/**
 * os.date(format, time): a leading '!' selects UTC, "*t" returns the fields table, anything
 * else is formatted with strftime one conversion at a time (a trailing '%' stays literal; the
 * format ends at a NUL byte). `timeSeconds` is truncated like C's (time_t) cast. Returns null
 * when the time has no broken-down form (os.date returns nil).
 */
export function osDate(format: string, timeSeconds: number): string | Record<string, number | boolean> | null {
  const nul = format.indexOf('\0');
  let s = nul < 0 ? format : format.slice(0, nul);
  const utc = s.charCodeAt(0) === 0x21; // '!'
  if (utc) s = s.slice(1);
  // (time_t)x: out of range or NaN gives LONG_MIN, whose year overflows.
  const t = timeSeconds >= -(2 ** 63) && timeSeconds < 2 ** 63 ? Math.trunc(timeSeconds) : -(2 ** 63);
  const tm = breakDown(t, utc);
  if (tm === null) return null;
  if (s === '*t') {
    return { year: tm.year, month: tm.month, day: tm.day, hour: tm.hour, min: tm.min, sec: tm.sec,
      wday: tm.wday + 1, yday: tm.yday + 1, isdst: tm.isdst };
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%' || i + 1 >= s.length) out += s[i];
    else out += conversion(s[++i], tm);
  }
  return out;
}

/**
 * os.time(table): mktime of the fields (hour defaults to 12, min and sec to 0, as in loslib.c),
 * normalising out-of-range values. Fields are truncated to integers. `isdst` undefined lets
 * the zone decide. Returns null where mktime fails, including its -1 result.
 */
export function osTime(fields: { year: number; month: number; day: number; hour?: number; min?: number; sec?: number; isdst?: boolean }): number | null {
  const int = (x: number): number => Math.trunc(x) | 0;
  const t = mktime(
    { year: int(fields.year), month: int(fields.month), day: int(fields.day), hour: int(fields.hour ?? 12),
      min: int(fields.min ?? 0), sec: int(fields.sec ?? 0) },
    fields.isdst === undefined ? -1 : fields.isdst ? 1 : 0,
  );
  return t === -1 || !Number.isFinite(t) ? null : t;
}
