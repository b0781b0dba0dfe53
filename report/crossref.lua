-- Cross-references for the offline renderer: @fig-x and @tbl-x. Pandoc runs it twice in one
-- invocation: `--lua-filter crossref.lua --citeproc --lua-filter crossref.lua`.
-- First (before citeproc), each reference is wrapped in a span so that citeproc leaves it alone.
-- Then for each output: Typst gets the reference as raw Typst (Typst numbers figures and tables
-- itself); HTML gets figures and tables numbered in document order, captions prefixed
-- ("Figure 1: ...") and each reference turned into a link, in the document's language.
-- Citations, already rendered by citeproc, are replaced by their rendered text.
-- When the metadata has `offline-html` (output, toc, number-sections, css, include-before-body),
-- the second run also writes the HTML page from the same parsed document, so one Pandoc run
-- makes both outputs of an edition.

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

local function protect(doc)
  return doc:walk({
    Cite = function(cite)
      local id = cite.citations[1].id
      if not kind_of(id) then
        return nil
      end
      if #cite.citations > 1 then
        error("cite one figure or table at a time: " .. id)
      end
      return pandoc.Span({ pandoc.Str("@" .. id) }, { class = "xref", target = id })
    end,
  })
end

local function resolve(doc, format)
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

  -- Figures and tables stand at the top level or in divs; visiting just those blocks is much
  -- cheaper than walking the whole document (a reference to one found nowhere stops the render).
  local function visit(blocks)
    for _, block in ipairs(blocks) do
      if block.t == "Figure" or block.t == "Table" then
        number(block)
      elseif block.t == "Div" then
        visit(block.content)
      end
    end
  end
  if is_html then -- Typst numbers figures and tables itself, and stops at a reference to no label
    visit(doc.blocks)
  end

  local filter = {
    -- A figure's alternative text (its `fig-alt` attribute, as Quarto reads it): Typst's image(alt: ...)
    -- for the PDF, the img element's alt attribute for HTML.
    Image = function(img)
      local alt = img.attributes["fig-alt"]
      if not alt then
        return nil
      end
      if is_html then
        img.attributes["fig-alt"] = nil
        img.caption = pandoc.Inlines({ pandoc.Str(alt) })
        return img
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
  -- The bibliography (div "refs", from citeproc) holds no cross-references and no citations;
  -- leaving it out of the walk spares marshalling its hundreds of entries.
  local blocks = pandoc.Blocks({})
  for _, block in ipairs(doc.blocks) do
    blocks:insert(block.identifier == "refs" and block or block:walk(filter))
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

-- The standalone HTML page, as `pandoc --standalone --to html5` with the format's options writes it.
local function write_html(doc, spec)
  local variables = {}
  if spec.css then
    variables.css = { pandoc.utils.stringify(spec.css) }
  end
  local before = spec["include-before-body"]
  if before then
    if pandoc.utils.type(before) ~= "List" then
      before = { before }
    end
    local parts = {}
    for _, name in ipairs(before) do
      table.insert(parts, read_file(pandoc.utils.stringify(name)))
    end
    variables["include-before"] = { table.concat(parts) }
  end
  local page = pandoc.write(resolve(doc, "html5"), "html5", {
    template = pandoc.template.compile(pandoc.template.default("html5")),
    table_of_contents = spec.toc == true,
    number_sections = spec["number-sections"] == true,
    wrap_text = "wrap-none",
    variables = variables,
  })
  local handle = assert(io.open(pandoc.utils.stringify(spec.output), "w"))
  handle:write(page)
  handle:close()
end

function Pandoc(doc)
  if not doc.meta["xref-protected"] then
    doc = protect(doc)
    doc.meta["xref-protected"] = true
    return doc
  end
  doc.meta["xref-protected"] = nil
  local html = doc.meta["offline-html"]
  if html then
    doc.meta["offline-html"] = nil
    write_html(doc:clone(), html)
  end
  return resolve(doc, FORMAT)
end
