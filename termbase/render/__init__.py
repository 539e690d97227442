"""The renderers: one module per output format (`termbase.formats` lists them), each turning a
`termbase.render.contract.BuildContext` into outputs in memory; the build writes them."""
