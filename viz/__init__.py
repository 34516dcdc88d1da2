"""Power-operation flowcharts (权力运行流程图) rendered with Graphviz; reads the graph, never writes."""
