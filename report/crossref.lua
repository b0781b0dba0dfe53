-- Cross-references for the offline renderer: @fig-x and @tbl-x. Pandoc runs it after citeproc
-- (`--citeproc --lua-filter crossref.lua`). The renderer has already written each reference as a span of
-- class xref with its target (quarto_subset.mark_cross_references), which citeproc leaves alone.
-- For each output: Typst gets the reference as raw Typst (Typst numbers figures and tables
-- itself); HTML gets figures and tables numbered in document order, captions prefixed
-- ("Figure 1: ...") and each reference turned into a link, in the document's language.
-- Citations, already rendered by citeproc, are replaced by their rendered text. A titled note box
-- (`::: {.callout-note title="..."}`) is drawn as Quarto draws a callout.
-- When the metadata has `offline-html` (output, template and the HTML format's options),
-- it also writes the HTML page from the same parsed document, so one Pandoc run
-- makes both outputs of a document.

local words = {
  fig = { en = "Figure", es = "Figura" },
  tbl = { en = "Table", es = "Tabla" },
}

local function kind_of(id)
  local kind = id and id:match("^(%a+)%-") or nil
  return words[kind] and kind or nil
end

local function prefix_caption(caption, text)
  local long = caption.long
  if #long > 0 and (long[1].t == "Plain" or long[1].t == "Para") then
    long[1].content:insert(1, pandoc.Str(text))
  else
    long:insert(1, pandoc.Plain({ pandoc.Str(text) }))
  end
  return caption
end

-- A Typst string literal holding `text` exactly.
local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

-- `page`: more filter functions (the HTML page's layout, `page_layout`), applied in the same walk of the document.
local function resolve(doc, format, page)
  local lang = pandoc.utils.stringify(doc.meta.lang or "en"):sub(1, 2)
  local is_html = format:match("html") ~= nil
  local numbers, counts = {}, { fig = 0, tbl = 0 }

  local function number(el)
    local kind = kind_of(el.identifier)
    if kind then
      counts[kind] = counts[kind] + 1
      numbers[el.identifier] = counts[kind]
      local word = words[kind][lang] or words[kind].en
      el.caption = prefix_caption(el.caption, word .. "\u{A0}" .. counts[kind] .. ": ")
    end
  end

  -- Pandoc's Typst writer (3.9) escapes a list, enumeration, heading or term marker at the start of
  -- a paragraph but not at the start of a table cell: a cell reading "- x" or "= x" would become a
  -- list or a heading. The marker is written as escaped raw Typst instead.
  local function literal_cell_starts(table)
    local function fix(cell)
      local first = cell.contents[1]
      local str = first and (first.t == "Plain" or first.t == "Para") and first.content[1]
      if not str or str.t ~= "Str" then
        return
      end
      -- a marker is a word of its own: "-x" or "-1.5" is no list item (and Typst prints a minus there)
      local text = str.text
      if text:match("^[-+/]$") or text:match("^=+$") then
        first.content[1] = pandoc.RawInline("typst", (text:gsub(".", "\\%0")))
      elseif text:match("^%d+%.$") then
        first.content[1] = pandoc.RawInline("typst", text:sub(1, -2) .. "\\.")
      end
    end
    local function rows(list)
      for _, row in ipairs(list) do
        for _, cell in ipairs(row.cells) do
          fix(cell)
        end
      end
    end
    rows(table.head.rows)
    for _, body in ipairs(table.bodies) do
      rows(body.head)
      rows(body.body)
    end
    rows(table.foot.rows)
  end

  -- Figures and tables stand at the top level or in divs; visiting just those blocks is much
  -- cheaper than walking the whole document (a reference to one found nowhere stops the render).
  local function visit(blocks)
    for _, block in ipairs(blocks) do
      if block.t == "Figure" or block.t == "Table" then
        if is_html then -- Typst numbers figures and tables itself, and stops at a reference to no label
          number(block)
        elseif block.t == "Table" then
          literal_cell_starts(block)
        end
      elseif block.t == "Div" then
        visit(block.content)
      end
    end
  end
  visit(doc.blocks)

  local filter = {
    -- A figure's alternative text (its `fig-alt` attribute, as Quarto reads it): Typst's image(alt: ...)
    -- for the PDF; for HTML the img element's alt attribute, set by page_layout.
    Image = function(img)
      local alt = img.attributes["fig-alt"]
      if not alt or is_html then
        return nil
      end
      return pandoc.RawInline("typst", "#image(" .. typst_string(img.src) .. ", alt: " .. typst_string(alt) .. ")")
    end,
    -- citations were rendered by citeproc in the first run; keep the rendered text
    Cite = function(cite)
      return cite.content
    end,
    Span = function(span)
      local id = span.attributes.target
      if not span.classes:includes("xref") or not id then
        return nil
      end
      if not is_html then
        return pandoc.RawInline("typst", "@" .. id)
      end
      if numbers[id] == nil then
        error("reference to unknown label @" .. id)
      end
      local kind = kind_of(id)
      return pandoc.Link(words[kind][lang] .. "\u{A0}" .. numbers[id], "#" .. id)
    end,
  }
  -- a function of `page` for the same element type runs where this filter's own function leaves the element
  -- as it is
  for name, more in pairs(page or {}) do
    local own = filter[name]
    filter[name] = own
        and function(element)
          local out = own(element)
          if out ~= nil then
            return out
          end
          return more(element)
        end
      or more
  end
  -- A titled note box at the top level (`::: {.callout-note title="..."}`), as Quarto draws a
  -- callout: in Typst the call Quarto writes, `#callout(title: [...], body: [...])`, whose definition in
  -- typst-template.typ serves both renderers (a framed block not split across pages); in HTML a div the
  -- stylesheet frames.
  local function callout(div)
    local title = pandoc.read(div.attributes.title or "", "markdown").blocks
    local inlines = #title > 0 and title[1].content or pandoc.Inlines({})
    if is_html then
      local heading = pandoc.Plain(pandoc.Inlines({ pandoc.Strong(inlines) }))
      local content = pandoc.Blocks({ pandoc.Div({ heading }, { class = "callout-title" }) })
      content:extend(div.content)
      return pandoc.Blocks({ pandoc.Div(content, { class = "callout callout-note" }) })
    end
    local blocks = pandoc.Blocks({ pandoc.RawBlock("typst", "#callout(title: ["), pandoc.Plain(inlines) })
    blocks:insert(pandoc.RawBlock("typst", "], body: ["))
    blocks:extend(div.content)
    blocks:insert(pandoc.RawBlock("typst", "])"))
    return blocks
  end

  -- The bibliography (div "refs", from citeproc) holds no cross-references and no citations;
  -- leaving it out of the walk spares marshalling its hundreds of entries.
  local blocks = pandoc.Blocks({})
  for _, block in ipairs(doc.blocks) do
    if block.identifier == "refs" then
      blocks:insert(block)
    elseif block.t == "Div" and block.classes:includes("callout-note") then
      blocks:extend(callout(block:walk(filter)))
    else -- the block itself too (a table or a figure of the page's layout)
      blocks:extend(pandoc.Blocks({ block }):walk(filter))
    end
  end
  doc.blocks = blocks
  return doc
end

local function read_file(path)
  local handle = assert(io.open(path, "r"))
  local text = handle:read("a")
  handle:close()
  return text
end

-- A format option given as one file name or as a list of them.
local function file_list(value)
  if value == nil then
    return {}
  end
  local names = pandoc.utils.type(value) == "List" and value or { value }
  local texts = {}
  for _, name in ipairs(names) do
    table.insert(texts, read_file(pandoc.utils.stringify(name)))
  end
  return texts
end

local layout = dofile(pandoc.path.join({ pandoc.path.directory(PANDOC_SCRIPT_FILE), "page-layout.lua" }))

local entities = { lt = "<", gt = ">", quot = '"', apos = "'", ["#39"] = "'" }

-- The finding an SVG figure states, from its metadata (dc:title, written by style.save); nil if none.
local function svg_title(src)
  if not src:match("%.svg$") then
    return nil
  end
  local handle = io.open(src, "r")
  if not handle then
    return nil
  end
  local title = handle:read("a"):match("<dc:title>(.-)</dc:title>")
  handle:close()
  if not title then
    return nil
  end
  title = title:gsub("&(#?%w+);", function(name)
    return entities[name]
  end)
  return (title:gsub("&amp;", "&"))
end

-- Page layout for the HTML edition only (the Typst output is untouched), as filter functions that `resolve`
-- applies in its walk: sections start at <h2> under the title's <h1>; each table scrolls sideways in its own box;
-- a person's id links to their case file; each figure is a link to the full-size SVG, with alt text stating its
-- finding (the image's fig-alt attribute, else the figure's own title, else the caption Pandoc uses by default).
local function page_layout(shift, lang)
  return {
    Header = function(header)
      header.level = header.level + shift
      return header
    end,
    Span = layout.casefile_link,
    Table = function(tbl)
      return layout.table_box(tbl, pandoc.utils.stringify(tbl.caption.long))
    end,
    Figure = function(figure)
      return figure:walk({
        Image = function(image)
          local alt = image.attributes["fig-alt"] or svg_title(image.src)
          image.attributes["fig-alt"] = nil
          if alt then
            image.caption = { pandoc.Str(alt) }
          end
          return layout.figure_link(image, lang)
        end,
      })
    end,
  }
end

-- The standalone HTML page: the format's options (template, toc, number-sections, css, the
-- include-* files, shift-heading-level-by) applied as `pandoc --standalone --to html5` would.
local function write_html(doc, spec)
  local lang = pandoc.utils.stringify(doc.meta.lang or "en"):sub(1, 2)
  local variables = {
    ["header-includes"] = file_list(spec["include-in-header"]),
    ["include-before"] = file_list(spec["include-before-body"]),
    ["include-after"] = file_list(spec["include-after-body"]),
  }
  if spec.css then
    variables.css = { pandoc.utils.stringify(spec.css) }
  end
  local template = spec.template and read_file(pandoc.utils.stringify(spec.template)) or pandoc.template.default("html5")
  local shift = tonumber(pandoc.utils.stringify(spec["shift-heading-level-by"] or "0"))
  -- the contents' depth counts the page's levels, after the shift, as Quarto's toc-depth does
  local depth = tonumber(pandoc.utils.stringify(spec["toc-depth"] or "3"))
  local page = pandoc.write(resolve(doc, "html5", page_layout(shift, lang)), "html5", {
    template = pandoc.template.compile(template),
    table_of_contents = spec.toc == true,
    toc_depth = depth,
    number_sections = spec["number-sections"] == true,
    wrap_text = "wrap-none",
    variables = variables,
  })
  local handle = assert(io.open(pandoc.utils.stringify(spec.output), "w"))
  handle:write(page)
  handle:close()
end

function Pandoc(doc)
  local html = doc.meta["offline-html"]
  if html then
    doc.meta["offline-html"] = nil
    write_html(doc:clone(), html)
  end
  return resolve(doc, FORMAT)
end
