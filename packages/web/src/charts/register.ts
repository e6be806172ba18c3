/**
 * Register only the chart.js parts the views use (tree-shaking keeps the rest out of the bundle):
 * bar charts (stacked 負担金, savings, divergence, monthly traffic, Shapley, patterns) and one line
 * dataset (the 2割 target line).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js'

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
)
Chart.defaults.font.family =
  '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", Meiryo, sans-serif'
Chart.defaults.animation = false
Chart.defaults.maintainAspectRatio = false

export { Chart }
/** A palette readable on a projector and in greyscale print (distinct lightness). */
export const PALETTE = [
  '#1f5aa6',
  '#e07b00',
  '#2a9d5b',
  '#c23b3b',
  '#7b4fb3',
  '#8c6d1f',
  '#d45fa0',
  '#5f6b7a',
  '#1aa3b8',
  '#a3a31a',
  '#4d4d9e',
  '#b35900',
]
