import type { PhoneHealth } from "../../shared/protocol/messages";

/** The workspace's limits on a phone's condition (workspace settings). */
export interface HealthThresholds {
  /** In %; 0 turns the check off. */
  minBatteryLevel: number;
  maxBatteryTemperatureC: number;
}

/**
 * Why a phone in this condition is given no new task, or null when it may run one. A hot
 * battery first: heat is what damages a phone on a rack, and a phone that posts while hot
 * throttles, so its scripts time out. A figure the phone did not report does not block it.
 * A task already running is not stopped: it ends as it would have.
 */
export function notReadyReason(health: PhoneHealth, limits: HealthThresholds): string | null {
  const temperature = health.battery_temperature_c;
  if (temperature !== null && temperature > limits.maxBatteryTemperatureC) {
    return `the battery is at ${temperature.toFixed(1)} °C, above the workspace's ${limits.maxBatteryTemperatureC} °C: no new task until it cools down`;
  }
  const level = health.battery_level;
  if (level !== null && level < limits.minBatteryLevel) {
    return `the battery is at ${level} %${health.charging === true ? " (charging)" : " and not charging"}, below the workspace's ${limits.minBatteryLevel} %: no new task until it is charged`;
  }
  return null;
}
