import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import scatter from 'plotly.js/lib/scatter';
import waterfall from 'plotly.js/lib/waterfall';
import zhCN from 'plotly.js/lib/locales/zh-cn';

// Only the trace types the workbench draws: keeps the bundle and start-up small.
Plotly.register([bar, scatter, waterfall, zhCN]);

export { Plotly };
export type { Data as PlotData, Layout as PlotLayout, Config as PlotConfig } from 'plotly.js';
