-- Quarto only (format html, listed after Quarto's own filters in _quarto.yml). Quarto copies a figure's
-- `fig-alt` onto the figure's float <div> as an `alt` attribute (not valid on a div) before it expands the
-- shortcodes, so the page carried the alt text a second time with `{{< meta ... >}}` unexpanded. The image
-- keeps its own, expanded alt text; the float's copy is dropped. The offline renderer writes no such div.
function Div(div)
  if div.attributes["alt"] == nil and div.attributes["fig-alt"] == nil then
    return nil
  end
  div.attributes["alt"] = nil
  div.attributes["fig-alt"] = nil
  return div
end
