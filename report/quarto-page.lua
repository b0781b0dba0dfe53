-- Quarto only (format html), listed after Quarto's own filters in _quarto.yml: the parts of the HTML page
-- that the offline renderer makes in crossref.lua and its page template and that Quarto does otherwise.
--
-- `title-block-includes`: the HTML files that go into the title block after the title (the release, the
-- citation, the notices and the edition's links). Quarto would put `include-before-body` above the title;
-- their text becomes metadata here, which partials/title-block.html places after the title, as the offline
-- page template (offline-template.html5) does.
--
-- The figures' floats: Quarto copies a figure's `fig-alt` onto the float's <div> as an `alt` attribute (not
-- valid on a div) before it expands shortcodes, so the page carried the alt text a second time with
-- `{{< meta ... >}}` unexpanded. The image keeps its own, expanded alt text; the float's copy is dropped.

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

function Meta(meta)
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

function Div(div)
  if div.attributes["alt"] == nil and div.attributes["fig-alt"] == nil then
    return nil
  end
  div.attributes["alt"] = nil
  div.attributes["fig-alt"] = nil
  return div
end
