-- Cross-references for the offline renderer: @fig-x and @tbl-x.
-- Typst output: hand the reference to Typst, which numbers figures and tables itself.
-- HTML output: number figures and tables in document order, prefix their captions
-- ("Figure 1: ...") and turn each reference into a link, in the document's language.

local words = {
  fig = { en = "Figure", es = "Figura" },
  tbl = { en = "Table", es = "Tabla" },
}

local function kind_of(id)
  return id and id:match("^(%a+)%-") or nil
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

function Pandoc(doc)
  local lang = pandoc.utils.stringify(doc.meta.lang or "en"):sub(1, 2)
  local is_html = FORMAT:match("html") ~= nil
  local numbers, counts = {}, { fig = 0, tbl = 0 }

  local function number(el)
    local kind = kind_of(el.identifier)
    if kind and words[kind] then
      counts[kind] = counts[kind] + 1
      numbers[el.identifier] = counts[kind]
      if is_html then
        local word = words[kind][lang] or words[kind].en
        el.caption = prefix_caption(el.caption, word .. "\u{A0}" .. counts[kind] .. ": ")
      end
      return el
    end
  end

  doc = doc:walk({ Figure = number, Table = number })

  doc = doc:walk({
    Cite = function(cite)
      local id = cite.citations[1].id
      local kind = kind_of(id)
      if not (kind and words[kind]) then
        return nil
      end
      if #cite.citations > 1 then
        error("cite one figure or table at a time: " .. id)
      end
      if numbers[id] == nil then
        error("reference to unknown label @" .. id)
      end
      if is_html then
        local word = words[kind][lang] or words[kind].en
        return pandoc.Link(word .. "\u{A0}" .. numbers[id], "#" .. id)
      end
      return pandoc.RawInline("typst", "@" .. id)
    end,
  })
  return doc
end
