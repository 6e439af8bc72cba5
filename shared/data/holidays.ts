/**
 * Thai public holidays (วันหยุดราชการ) that stop the SLA clock, `YYYY-MM-DD` in Asia/Bangkok.
 *
 * Empty for now: deadlines count Monday–Friday only. Issue 7 (deadlines and escalation) fills
 * this from the Cabinet's published holiday announcements for the current and next year.
 */
export interface Holiday {
  readonly date: string;
  readonly nameTh: string;
  readonly nameEn: string;
}

export const holidays: readonly Holiday[] = [];
