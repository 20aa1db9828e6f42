/**
 * The most rows any chart draws: a SQL result tab's chart, a notebook's
 * chart cells, and the chart images and briefings `iwb run` and the app
 * export, so a notebook's chart is the same in the app and from the command
 * line. Charts are drawn as SVG for Word/WPS: in headless Chromium a chart of
 * 10,000 points took about 1 s to draw and one of 20,000 about 2–2.5 s (stop
 * 24). Beyond this the planner is told to aggregate with GROUP BY first.
 */
export const CHART_MAX_ROWS = 10_000;
