'use client';

import dynamic from 'next/dynamic';

/**
 * The charts load after the page's figures are on screen: Recharts is most of the page's script,
 * and a chart cannot draw on the server anyway (it measures its box first).
 */
function placeholder(height: number) {
  function ChartPlaceholder() {
    return (
      <div className="w-full animate-pulse rounded bg-card" style={{ height }} aria-hidden="true" />
    );
  }
  return ChartPlaceholder;
}

export const StackedBarChart = dynamic(
  () => import('./stacked-bar-chart').then((m) => m.StackedBarChart),
  {
    ssr: false,
    loading: placeholder(240),
  },
);
export const HistogramChart = dynamic(
  () => import('./histogram-chart').then((m) => m.HistogramChart),
  {
    ssr: false,
    loading: placeholder(200),
  },
);
export const ScatterPlot = dynamic(() => import('./scatter-plot').then((m) => m.ScatterPlot), {
  ssr: false,
  loading: placeholder(280),
});
export const CostCurveChart = dynamic(
  () => import('./cost-curve-chart').then((m) => m.CostCurveChart),
  {
    ssr: false,
    loading: placeholder(220),
  },
);
