using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using PlatformSdk.Errors;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top.Qimen;

namespace PlatformSdk.TmallGlobalDirect.Protocol;

/// <summary>
/// Reads push bodies (XML rooted at <c>&lt;request&gt;</c>, or JSON) into the typed messages. Every bad input (not well formed,
/// a DTD, too deep, a missing <c>bizOrderCode</c>, a quantity that is not a number) becomes a <see cref="PlatformException"/>
/// naming the field; nothing else escapes.
/// </summary>
internal static class TmallGlobalDirectPushParser
{
    /// <summary>Parses the body of one of the three known methods.</summary>
    /// <param name="method">The method.</param>
    /// <param name="body">The body text (already decoded in the push's charset).</param>
    /// <param name="format">The push's format.</param>
    /// <param name="customerId">The <c>customerId</c> query parameter.</param>
    /// <returns>The message, or <see langword="null"/> when the method is not one of the three.</returns>
    public static TmallGlobalDirectPushMessage? Parse(string method, string body, QimenFormat format, string? customerId)
    {
        if (method is not (TmallGlobalDirectPushMethods.ConsignOrderNotify or TmallGlobalDirectPushMethods.ConsignOrderCancel
            or TmallGlobalDirectPushMethods.ReverseOrderInStorageNotify))
        {
            return null;
        }

        PushNode root = format == QimenFormat.Json ? PushNode.FromJson(body) : PushNode.FromXml(body);
        return method switch
        {
            TmallGlobalDirectPushMethods.ConsignOrderNotify => new ConsignOrderNotify
            {
                Method = method,
                BizOrderCode = Required(root, "bizOrderCode"),
                SupplierId = root.Text("supplierId"),
                SupplierName = root.Text("supplierName"),
                CustomerId = customerId,
                BusinessModel = root.Text("businessModel"),
                SourcePlatformCode = root.Text("sourcePlatformCode"),
                Fields = root.Fields(),
                BizType = root.Text("bizType"),
                OrderSource = root.Text("orderSource"),
                SellerId = root.Text("sellerId"),
                SellerNick = root.Text("sellerNick"),
                OrderCreateTime = Time(root, "orderCreateTime"),
                PostFeeFen = Fen(root, "postFee"),
                ItemsValueFen = Fen(root, "itemsValue"),
                StoreCode = root.Text("storeCode"),
                Receiver = Address(root.Child("receiverInfo"), "receiver"),
                Items = AtLeastOne(root.Items("orderItems", "orderItem").Select(ConsignItem).ToList()),
            },
            TmallGlobalDirectPushMethods.ConsignOrderCancel => new ConsignOrderCancel
            {
                Method = method,
                BizOrderCode = Required(root, "bizOrderCode"),
                SupplierId = root.Text("supplierId"),
                SupplierName = root.Text("supplierName"),
                CustomerId = customerId,
                BusinessModel = root.Text("businessModel"),
                SourcePlatformCode = root.Text("sourcePlatformCode"),
                Fields = root.Fields(),
                BizTime = Time(root, "bizTime"),
                RefundStatus = root.Text("refundStatus"),
            },
            _ => new ReverseOrderInStorageNotify
            {
                Method = method,
                BizOrderCode = Required(root, "bizOrderCode"),
                SupplierId = root.Text("supplierId"),
                SupplierName = root.Text("supplierName"),
                CustomerId = customerId,
                BusinessModel = root.Text("businessModel"),
                SourcePlatformCode = root.Text("sourcePlatformCode"),
                Fields = root.Fields(),
                ForwardOrderCode = root.Text("forwardOrderCode"),
                OutBizId = root.Text("outBizId"),
                TmsServiceCode = root.Text("tmsServiceCode"),
                TmsOrderCode = root.Text("tmsOrderCode"),
                StoreCode = root.Text("storeCode"),
                Receiver = Address(root.Child("receiverInfo"), "receiver"),
                Sender = Address(root.Child("senderInfo"), "sender"),
                Items = AtLeastOne(root.Items("orderItems", "orderItem").Select(ReverseItem).ToList()),
            },
        };
    }

    /// <summary>The error of a body that cannot be read.</summary>
    /// <param name="detail">What is wrong (no secrets; values are pushed data, shortened).</param>
    /// <returns>The exception.</returns>
    public static PlatformException Invalid(string detail)
        => new(new PlatformError(TmallGlobalDirectServiceNames.Platform, TmallGlobalDirectWireChoices.InvalidBodyCode,
            "The push body cannot be read: " + detail, ErrorCategory.Validation,
            "The push is kept among the inbox's dead letters; inspect it, fix the cause and replay it.") { RuleId = "RTGD-01" });

    private static ConsignOrderItem ConsignItem(PushNode item) => new()
    {
        SubOrderCode = item.Text("subOrderCode"),
        ScItemId = item.Text("scItemId"),
        OuterId = item.Text("outerId"),
        BarCode = item.Text("barCode"),
        Quantity = Quantity(item, "quantity"),
        ScItemName = item.Text("scItemName"),
        ItemAmountFen = Fen(item, "itemAmount"),
        TradeOrderId = TmallGlobalDirectWireChoices.TradeOrderIdNames.Select(item.Text).FirstOrDefault(v => v is not null),
        SubTradeOrderId = item.Text("subTradeOrderId"),
        Fields = item.Fields(),
    };

    private static ReverseOrderItem ReverseItem(PushNode item) => new()
    {
        SubOrderCode = item.Text("subOrderCode"),
        ScItemId = item.Text("scItemId"),
        OuterId = item.Text("outerId"),
        BarCode = item.Text("barCode"),
        ScItemName = item.Text("scItemName"),
        RefundId = item.Text("refundId"),
        PlanReturnQuantity = Quantity(item, "planReturnQuantity"),
        ErpOrderLine = item.Text("erpOrderLine"),
        RefundReason = item.Text("refundReason"),
        Fields = item.Fields(),
    };

    private static TmallGlobalDirectAddress? Address(PushNode? node, string prefix) => node is null ? null : new()
    {
        ZipCode = node.Text(prefix + "ZipCode"),
        Country = node.Text(prefix + "Country"),
        Province = node.Text(prefix + "Province"),
        City = node.Text(prefix + "City"),
        Area = node.Text(prefix + "Area"),
        Fields = node.Fields(),
    };

    private static List<T> AtLeastOne<T>(List<T> items)
        => items.Count > 0 ? items : throw Invalid("orderItems has no orderItem.");

    private static string Required(PushNode node, string name)
        => node.Text(name) is { Length: > 0 } value ? value : throw Invalid($"{name} is missing or empty.");

    private static int Quantity(PushNode node, string name)
    {
        var text = node.Text(name) ?? throw Invalid($"{name} is missing.");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"{name} '{Shorten(text)}' is not a non-negative whole number.");
    }

    private static long? Fen(PushNode node, string name)
    {
        var text = node.Text(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid($"{name} '{Shorten(text)}' is not a whole number of fen.");
    }

    private static DateTimeOffset? Time(PushNode node, string name)
    {
        var text = node.Text(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ChinaTime.TryParse(text, out var value) ? value : throw Invalid($"{name} '{Shorten(text)}' is not {ChinaTime.DateTimeFormat}.");
    }

    internal static string Shorten(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    /// <summary>One element of the request, XML or JSON, seen the same way.</summary>
    private abstract class PushNode
    {
        public abstract string? Text(string name);

        public abstract PushNode? Child(string name);

        /// <summary>The items of a list: <c>&lt;orderItems&gt;&lt;orderItem/&gt;…</c>, or in JSON an array, or an object holding one.</summary>
        public abstract IEnumerable<PushNode> Items(string container, string item);

        public abstract IReadOnlyDictionary<string, string> Fields();

        public static XmlNode FromXml(string body)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 0,
            };
            try
            {
                // One forward pass into a small tree of elements: a push needs only element names and leaf texts, and an
                // XDocument (every node an object, names atomised, ancestors walked for the depth check) costs several times more.
                using var text = new StringReader(body);
                using var reader = XmlReader.Create(text, settings);
                XmlElementData? root = null;
                var open = new Stack<XmlElementData>();
                var tooDeep = false;
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element:
                            // Depth is the number of ancestors; read on to the end so a malformed body still reports as one.
                            tooDeep |= reader.Depth > TmallGlobalDirectWireChoices.MaxBodyDepth;
                            var element = new XmlElementData(reader.LocalName);
                            if (open.TryPeek(out var parent))
                            {
                                parent.Add(element);
                            }
                            else
                            {
                                root ??= element;
                            }

                            if (!reader.IsEmptyElement)
                            {
                                open.Push(element);
                            }

                            break;
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                            if (open.TryPeek(out var holder))
                            {
                                holder.Append(reader.Value);
                            }

                            break;
                        case XmlNodeType.EndElement:
                            open.Pop();
                            break;
                    }
                }

                if (root is null)
                {
                    throw Invalid("the XML has no root element.");
                }

                if (root.Name != "request")
                {
                    throw Invalid($"the root element is <{Shorten(root.Name)}>, not <request>.");
                }

                if (tooDeep)
                {
                    throw Invalid($"the XML nests deeper than {TmallGlobalDirectWireChoices.MaxBodyDepth} levels.");
                }

                return new XmlNode(root);
            }
            catch (XmlException ex)
            {
                throw Invalid($"the XML is not well formed (line {ex.LineNumber}, position {ex.LinePosition}).");
            }
        }

        public static JsonNode FromJson(string body)
        {
            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = TmallGlobalDirectWireChoices.MaxBodyDepth });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid("the JSON is not an object.");
                }

                if (root.TryGetProperty(TmallGlobalDirectWireChoices.JsonRequestWrapper, out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
                {
                    root = wrapped;
                }

                // Clone: the document is disposed here, the node outlives it.
                return new JsonNode(root.Clone());
            }
            catch (JsonException ex)
            {
                throw Invalid($"the JSON is not well formed ({ex.LineNumber + 1}:{ex.BytePositionInLine + 1}).");
            }
        }
    }

    /// <summary>An element as the push reader needs it: its local name, its child elements, and the text directly inside it.</summary>
    private sealed class XmlElementData(string name)
    {
        private string? _text;
        private StringBuilder? _joined;

        public string Name { get; } = name;

        public List<XmlElementData>? Children { get; private set; }

        public bool HasElements => Children is { Count: > 0 };

        /// <summary>What <c>XElement.Value</c> gives for an element without child elements: its text, comments left out.</summary>
        public string Value => _joined?.ToString() ?? _text ?? string.Empty;

        public void Add(XmlElementData child) => (Children ??= []).Add(child);

        // Text split by comments arrives in pieces; joining them in a builder keeps a body of many pieces linear, not quadratic.
        public void Append(string text)
        {
            if (_text is null)
            {
                _text = text;
            }
            else
            {
                (_joined ??= new StringBuilder(_text)).Append(text);
            }
        }

        public XmlElementData? First(string name)
        {
            if (Children is { } children)
            {
                foreach (var child in children)
                {
                    if (child.Name == name)
                    {
                        return child;
                    }
                }
            }

            return null;
        }
    }

    private sealed class XmlNode(XmlElementData element) : PushNode
    {
        public override string? Text(string name)
        {
            var child = element.First(name);
            return child is null || child.HasElements ? null : child.Value.Trim();
        }

        public override PushNode? Child(string name)
            => element.First(name) is { } child ? new XmlNode(child) : null;

        public override IEnumerable<PushNode> Items(string container, string item)
        {
            var items = new List<PushNode>();
            foreach (var list in element.Children ?? [])
            {
                if (list.Name != container)
                {
                    continue;
                }

                foreach (var entry in list.Children ?? [])
                {
                    if (entry.Name == item)
                    {
                        items.Add(new XmlNode(entry));
                    }
                }
            }

            return items;
        }

        public override IReadOnlyDictionary<string, string> Fields()
        {
            var fields = new Dictionary<string, string>(element.Children?.Count ?? 0, StringComparer.Ordinal);
            foreach (var child in element.Children ?? [])
            {
                if (!child.HasElements)
                {
                    fields.TryAdd(child.Name, child.Value.Trim());
                }
            }

            return fields;
        }
    }

    private sealed class JsonNode(JsonElement element) : PushNode
    {
        public override string? Text(string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()!.Trim(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }

        public override PushNode? Child(string name)
            => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? new JsonNode(value) : null;

        public override IEnumerable<PushNode> Items(string container, string item)
        {
            if (!element.TryGetProperty(container, out var list))
            {
                return [];
            }

            if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty(item, out var inner))
            {
                list = inner;
            }

            return list.ValueKind switch
            {
                JsonValueKind.Array => list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object
                    ? (PushNode)new JsonNode(e)
                    : throw Invalid($"an entry of {container} is not an object.")).ToList(),
                JsonValueKind.Object => [new JsonNode(list)],
                _ => throw Invalid($"{container} is neither a list nor an object."),
            };
        }

        public override IReadOnlyDictionary<string, string> Fields()
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (Text(property.Name) is { } value)
                {
                    fields.TryAdd(property.Name, value);
                }
            }

            return fields;
        }
    }

    /// <summary>Decodes a body strictly in the push's charset (only Qimen's charsets; invalid bytes are refused, never replaced).</summary>
    /// <param name="body">The bytes.</param>
    /// <param name="contentType">The Content-Type.</param>
    /// <returns>The text.</returns>
    public static string Decode(ReadOnlyMemory<byte> body, string? contentType)
    {
        var charset = "utf-8";
        foreach (var part in (contentType ?? string.Empty).Split(';').Select(p => p.Trim()))
        {
            if (part.StartsWith("charset", StringComparison.OrdinalIgnoreCase) && part.IndexOf('=', StringComparison.Ordinal) is var at and >= 0)
            {
                var value = part[(at + 1)..].Trim().Trim('"');
                charset = value.Length == 0 ? charset : value;
            }
        }

        Encoding encoding = charset.StartsWith("utf", StringComparison.OrdinalIgnoreCase)
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            : CodePagesEncodingProvider.Instance.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? throw Invalid($"the charset '{Shorten(charset)}' is not supported.");
        try
        {
            var text = encoding.GetString(body.Span);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"the body is not valid {encoding.WebName} text.");
        }
    }
}
