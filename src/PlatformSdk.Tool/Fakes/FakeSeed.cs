using System.Text.Json;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Jushuitan;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Tool.Fakes;

/// <summary>
/// The <c>--seed FILE</c> of <c>fakes serve</c>: credential overrides per fake, the options the fakes are built with (so
/// <c>POST /admin/reset</c> returns to them). Format in the tool's README; an unknown property is refused, not ignored.
/// </summary>
internal sealed class FakeSeed
{
    public FakeJushuitanOptions Jushuitan { get; } = new();

    public Fake1688Options Alibaba1688 { get; } = new();

    public FakeTopOptions Top { get; } = new();

    public static FakeSeed Load(string? path)
    {
        var seed = new FakeSeed();
        if (path is null)
        {
            return seed;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new RefusedException($"The seed file '{path}' cannot be read as JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RefusedException($"The seed file '{path}' must hold a JSON object with 'jushuitan', '1688' and/or 'top'.");
            }

            foreach (var platform in document.RootElement.EnumerateObject())
            {
                switch (platform.Name)
                {
                    case "jushuitan":
                        seed.ReadJushuitan(platform.Value);
                        break;
                    case "1688":
                        seed.Read1688(platform.Value);
                        break;
                    case "top":
                        seed.ReadTop(platform.Value);
                        break;
                    default:
                        throw new RefusedException($"Unknown seed section '{platform.Name}': use jushuitan, 1688 or top.");
                }
            }
        }

        try
        {
            seed.Top.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new RefusedException("The seed's top section is refused: " + ex.Message);
        }

        return seed;
    }

    private void ReadJushuitan(JsonElement section)
    {
        var options = Jushuitan;
        foreach (var property in Properties(section, "jushuitan"))
        {
            switch (property.Name)
            {
                case "environment":
                    options.Environment = Text(property, "jushuitan") switch
                    {
                        "test" => FakeJushuitanEnvironment.Test,
                        "production" => FakeJushuitanEnvironment.Production,
                        var other => throw new RefusedException($"Seed jushuitan.environment '{other}' is not test or production."),
                    };
                    break;
                case "appKey": options.AppKey = Text(property, "jushuitan"); break;
                case "appSecret": options.AppSecret = Text(property, "jushuitan"); break;
                case "accessToken": options.AccessToken = Text(property, "jushuitan"); break;
                case "refreshToken": options.RefreshToken = Text(property, "jushuitan"); break;
                case "partnerId": options.PartnerId = Text(property, "jushuitan"); break;
                case "partnerKey": options.PartnerKey = Text(property, "jushuitan"); break;
                case "token": options.Token = Text(property, "jushuitan"); break;
                case "companyId": options.CompanyId = Number(property, "jushuitan"); break;
                case "seed": options.Seed = Flag(property, "jushuitan"); break;
                default: throw Unknown("jushuitan", property.Name);
            }
        }
    }

    private void Read1688(JsonElement section)
    {
        foreach (var property in Properties(section, "1688"))
        {
            switch (property.Name)
            {
                case "appKey": Alibaba1688.AppKey = Text(property, "1688"); break;
                case "appSecret": Alibaba1688.AppSecret = Text(property, "1688"); break;
                case "seed": Alibaba1688.Seed = Flag(property, "1688"); break;
                default: throw Unknown("1688", property.Name);
            }
        }
    }

    private void ReadTop(JsonElement section)
    {
        foreach (var property in Properties(section, "top"))
        {
            switch (property.Name)
            {
                case "appKey": Top.AppKey = Text(property, "top"); break;
                case "appSecret": Top.AppSecret = Text(property, "top"); break;
                case "sellers":
                    if (property.Value.ValueKind != JsonValueKind.Array)
                    {
                        throw new RefusedException("Seed top.sellers must be an array of { nick, sellerId, session }.");
                    }

                    Top.Sellers.Clear();
                    foreach (var seller in property.Value.EnumerateArray())
                    {
                        string? nick = null, session = null;
                        long sellerId = 0;
                        foreach (var field in Properties(seller, "top.sellers[]"))
                        {
                            switch (field.Name)
                            {
                                case "nick": nick = Text(field, "top.sellers[]"); break;
                                case "session": session = Text(field, "top.sellers[]"); break;
                                case "sellerId" when field.Value.TryGetInt64(out var id): sellerId = id; break;
                                default: throw Unknown("top.sellers[]", field.Name);
                            }
                        }

                        Top.Sellers.Add(new FakeTopSeller(
                            nick ?? throw new RefusedException("Seed top.sellers[] needs a nick."),
                            sellerId,
                            session ?? throw new RefusedException("Seed top.sellers[] needs a session.")));
                    }

                    break;
                default: throw Unknown("top", property.Name);
            }
        }
    }

    private static JsonElement.ObjectEnumerator Properties(JsonElement section, string name) =>
        section.ValueKind == JsonValueKind.Object ? section.EnumerateObject() : throw new RefusedException($"Seed section '{name}' must be a JSON object.");

    private static string Text(JsonProperty property, string section) =>
        property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } text
            ? text
            : throw new RefusedException($"Seed {section}.{property.Name} must be a non-empty string.");

    private static int Number(JsonProperty property, string section) =>
        property.Value.TryGetInt32(out var number) ? number : throw new RefusedException($"Seed {section}.{property.Name} must be an integer.");

    private static bool Flag(JsonProperty property, string section) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RefusedException($"Seed {section}.{property.Name} must be true or false."),
    };

    private static RefusedException Unknown(string section, string name) => new($"Unknown seed property {section}.{name}.");
}
