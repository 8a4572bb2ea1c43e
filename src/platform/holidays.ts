import holidayJp from "@holiday-jp/holiday_jp";
import type { BusinessCalendar } from "../workflow/policy.ts";

/**
 * Japanese business days (R-COO-15): Monday to Friday in Asia/Tokyo that are not national
 * holidays, from @holiday-jp/holiday_jp's table.
 */
export const japaneseBusinessCalendar: BusinessCalendar = {
  utcOffsetMinutes: 9 * 60,
  isHoliday: (date) => Object.hasOwn(holidayJp.holidays, date),
};
