'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ComponentProps, type ComponentType } from 'react';

/**
 * Charts load after the page's figures are on screen and draw only when scrolled near: Recharts
 * is most of the page's script and its rendering most of its main-thread time. Printing draws all.
 */
function Placeholder({ height }: { height: number }) {
  return (
    <div className="w-full animate-pulse rounded bg-card" style={{ height }} aria-hidden="true" />
  );
}

function WhenVisible({ height, children }: { height: number; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const show = () => setShown(true);
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && show(),
      {
        rootMargin: '300px',
      },
    );
    if (box.current) observer.observe(box.current);
    const print = window.matchMedia('print');
    window.addEventListener('beforeprint', show);
    print.addEventListener('change', show);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', show);
      print.removeEventListener('change', show);
    };
  }, []);
  return (
    <div ref={box} style={{ minHeight: height }}>
      {shown ? children : <Placeholder height={height} />}
    </div>
  );
}

function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>, height: number) {
  const Chart = dynamic(load, { ssr: false, loading: () => <Placeholder height={height} /> });
  function LazyChart(props: P) {
    return (
      <WhenVisible height={height}>
        <Chart {...(props as ComponentProps<typeof Chart>)} />
      </WhenVisible>
    );
  }
  return LazyChart;
}

export const StackedBarChart = lazyChart(
  () => import('./stacked-bar-chart').then((m) => m.StackedBarChart),
  240,
);
export const HistogramChart = lazyChart(
  () => import('./histogram-chart').then((m) => m.HistogramChart),
  200,
);
export const ScatterPlot = lazyChart(
  () => import('./scatter-plot').then((m) => m.ScatterPlot),
  280,
);
export const CostCurveChart = lazyChart(
  () => import('./cost-curve-chart').then((m) => m.CostCurveChart),
  220,
);
