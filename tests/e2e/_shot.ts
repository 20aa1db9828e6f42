import { openApp } from './browserHarness';
void (async () => {
  const opened = await openApp({ viewport: { width: 1366, height: 768 } });
  const { page } = opened;
  try {
    for (const locale of ['zh-CN', 'en']) {
      await page.evaluate((value) => localStorage.setItem('iwb.locale', value), locale);
      await page.reload();
      await page.getByTestId('target-table').waitFor();
      const toggle = page.getByTestId('board-history-toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await page.getByTestId('history-grid').waitFor();
      await page.getByTestId('hgrid-cell-rd_gdp_ratio-2023-annual').fill('120');
      await page.getByTestId('hgrid-in-year').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/shots/grid-top-${locale}.png` });
      await page.getByTestId('hgrid-summary').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/shots/grid-sum-${locale}.png` });
      await page.getByTestId('hgrid-discard').click();
    }
  } finally {
    await opened.close();
  }
})();
