// echarts/core with the components every chart here uses and the canvas renderer (loaded on first chart).
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([GridComponent, TooltipComponent, LegendComponent, TitleComponent, GraphicComponent, MarkLineComponent, CanvasRenderer]);
export { echarts };
