// plotly.js ships types for its full bundle only; the partial-bundle entry
// points used to keep the app small have the same API.
declare module 'plotly.js/lib/core' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
declare module 'plotly.js/lib/bar' {
  import type { PlotlyModule } from 'plotly.js';
  const traceModule: PlotlyModule;
  export default traceModule;
}
declare module 'plotly.js/lib/scatter' {
  import type { PlotlyModule } from 'plotly.js';
  const traceModule: PlotlyModule;
  export default traceModule;
}
declare module 'plotly.js/lib/waterfall' {
  import type { PlotlyModule } from 'plotly.js';
  const traceModule: PlotlyModule;
  export default traceModule;
}
declare module 'plotly.js/lib/locales/zh-cn' {
  import type { PlotlyModule } from 'plotly.js';
  const locale: PlotlyModule;
  export default locale;
}
