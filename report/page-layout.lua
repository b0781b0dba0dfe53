-- The HTML page's layout of tables and figures, one definition for both renderers: crossref.lua uses it
-- when the offline renderer writes the page, quarto-page.lua after Quarto's own filters. Loaded with
-- dofile() from the filter's folder; the Typst output never sees it.
--
-- A table scrolls sideways in its own box (a region a keyboard can reach, named by the table's caption),
-- so a wide table never widens the page; html.css keeps its first column in view. A figure's image links
-- to the full-size SVG, with a visible "open" label, so a phone reader can read the figure's text. A person's id in
-- the per-person table links to the person's case file.

local layout = {}

local full_size = { en = "Open the full-size figure", es = "Abrir la figura en tamaño completo" }

-- `tbl` in its scrolling box; `label` (the caption's text) names the box for screen readers.
function layout.table_box(tbl, label)
  -- attributes as a list of pairs: their order, and so the page's bytes, stay fixed
  local attributes = { { "role", "region" }, { "tabindex", "0" }, { "style", "--cols: " .. #tbl.colspecs } }
  if label and label ~= "" then
    table.insert(attributes, { "aria-label", label })
  end
  return pandoc.Div({ tbl }, pandoc.Attr("", { "table-scroll" }, attributes))
end

-- `image` as a link to its own file, followed by the edition's "open the full-size figure" label.
function layout.figure_link(image, lang)
  local label = pandoc.Span({ pandoc.Str(full_size[lang] or full_size.en) }, { class = "full-size" })
  return pandoc.Link({ image, label }, image.src, "", pandoc.Attr("", { "figure-full" }))
end

-- A person's id in the report's per-person table, written as `[V001]{.casefile target="casefiles.html#V001"}`
-- (present/casefiles.py): on the page, a link to the person's case file; the PDF shows the id alone.
function layout.casefile_link(span)
  if not span.classes:includes("casefile") or not span.attributes.target then
    return nil
  end
  return pandoc.Link(span.content, span.attributes.target, "", pandoc.Attr("", { "casefile" }))
end

return layout
