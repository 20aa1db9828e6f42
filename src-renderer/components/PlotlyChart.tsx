import { useEffect, useRef } from 'react';
import { Plotly, type PlotConfig, type PlotData, type PlotLayout } from '../charts/plotly';

export interface PlotlyFigure {
  data: PlotData[];
  layout: Partial<PlotLayout>;
  config?: Partial<PlotConfig>;
}

/** Thin wrapper: Plotly.react on every figure change, purge on unmount, resize with the container. */
export function PlotlyChart({ figure, className, testId }: { figure: PlotlyFigure; className?: string; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current!;
    const observer = new ResizeObserver(() => {
      if (element.offsetParent !== null) void Plotly.Plots.resize(element);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      Plotly.purge(element);
    };
  }, []);

  useEffect(() => {
    globalThis.performance?.mark?.('iwb:chart-react');
    void Plotly.react(host.current!, figure.data, figure.layout, {
      responsive: false,
      displaylogo: false,
      ...figure.config,
    }).then(() => globalThis.performance?.mark?.('iwb:chart-drawn'));
  }, [figure]);

  return <div className={className ?? 'plotly-chart'} ref={host} data-testid={testId} />;
}
