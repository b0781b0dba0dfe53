-- Quarto only (format html), listed after Quarto's own filters in _quarto.yml: the parts of the HTML page
-- that the offline renderer makes in crossref.lua and its page template and that Quarto does otherwise.
--
-- `title-block-includes`: the HTML files that go into the title block after the title (the release, the
-- citation, the notices and the edition's links). Quarto would put `include-before-body` above the title;
-- their text becomes metadata here, which partials/title-block.html places after the title, as the offline
-- page template (offline-template.html5) does.
--
-- Tables and figures: each table scrolls in its own box and each figure links to its full-size SVG, as on
-- the offline page (page-layout.lua, shared with crossref.lua). Quarto has already turned each float into a
-- <div id="tbl-..."> or <div id="fig-..."> holding its caption and its table or image; the table's box is
-- named by the float's caption.
--
-- The figures' floats: Quarto copies a figure's `fig-alt` onto the float's <div> as an `alt` attribute (not
-- valid on a div) before it expands shortcodes, so the page carried the alt text a second time with
-- `{{< meta ... >}}` unexpanded. The image keeps its own, expanded alt text; the float's copy is dropped.

local layout = dofile(pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), "page-layout.lua" }))

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

local lang = "en"

local function title_block(meta)
  lang = pandoc.utils.stringify(meta.lang or "en"):sub(1, 2)
  local files = meta["title-block-includes"]
  if files == nil then
    return nil
  end
  local names = pandoc.utils.type(files) == "List" and files or { files }
  local blocks = pandoc.Blocks({})
  for _, name in ipairs(names) do
    blocks:insert(pandoc.RawBlock("html", read_file(pandoc.utils.stringify(name))))
  end
  meta["title-block-includes"] = pandoc.MetaBlocks(blocks)
  return meta
end

-- The text of a float's caption: the blocks Quarto placed between its <figcaption> tags.
local function float_caption(div)
  local text = {}
  div:walk({
    Blocks = function(blocks)
      local inside = false
      for _, block in ipairs(blocks) do
        if block.t == "RawBlock" and block.text:match("^<figcaption") then
          inside = true
        elseif block.t == "RawBlock" and block.text:match("^</figcaption") then
          inside = false
        elseif inside then
          table.insert(text, pandoc.utils.stringify(block))
        end
      end
    end,
  })
  return table.concat(text, " ")
end

local function page_layout(div)
  div.attributes["alt"] = nil
  div.attributes["fig-alt"] = nil
  local kind = div.classes:includes("quarto-float") and div.identifier:match("^(%a+)%-")
  if kind == "tbl" then
    local label = float_caption(div)
    return div:walk({
      Table = function(tbl)
        return layout.table_box(tbl, label)
      end,
    })
  elseif kind == "fig" then
    return div:walk({
      Image = function(image)
        return layout.figure_link(image, lang)
      end,
    })
  end
  return div
end

-- The metadata first (the edition's language, the title block), then the floats and the links to the case files.
return { { Meta = title_block }, { Div = page_layout, Span = layout.casefile_link } }
