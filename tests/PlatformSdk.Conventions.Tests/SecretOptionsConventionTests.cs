using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Configuration;
using PlatformSdk.Jushuitan;
using PlatformSdk.Top;

namespace PlatformSdk.Conventions.Tests;

/// <summary>Invariant (issue "Hardening" §2): options that hold secrets never serialize them in clear.</summary>
public class SecretOptionsConventionTests
{
    private static readonly string[] SecretNames = ["AppSecret", "PartnerKey", "Token", "AccessToken", "RefreshToken", "Session", "Password"];

    private static IEnumerable<Type> OptionsTypes => Surface.ExportedTypes
        .Where(t => t.IsClass && (t.Name.EndsWith("Options", StringComparison.Ordinal) || t.Name.EndsWith("Credentials", StringComparison.Ordinal)));

    [Fact]
    public void Every_secret_property_of_an_options_type_is_written_masked_by_System_Text_Json()
    {
        var offenders = OptionsTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.PropertyType == typeof(string) && SecretNames.Any(n => x.Property.Name.EndsWith(n, StringComparison.Ordinal)))
            .Where(x => x.Property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType != typeof(SecretJsonConverter))
            .Select(x => $"{x.Type.FullName}.{x.Property.Name}")
            .ToList();

        Assert.True(offenders.Count == 0, "Secret options carry [JsonConverter(typeof(SecretJsonConverter))]:" + Environment.NewLine + Surface.List(offenders));
        Assert.NotEmpty(OptionsTypes);
    }

    [Fact]
    public void Serialized_options_of_every_platform_show_that_a_secret_is_set_but_never_its_value()
    {
        var jushuitan = new JushuitanOptions
        {
            Legacy = new JushuitanLegacyCredentials { PartnerId = "partner-1", PartnerKey = "jst-partner-key-value", Token = "jst-legacy-token-value" },
            OpenApi = new JushuitanOpenApiCredentials { AppKey = "app-1", AppSecret = "jst-app-secret-value", AccessToken = "jst-access-token-value", RefreshToken = "jst-refresh-token-value" },
        };
        var alibaba = new Alibaba1688Options { AppKey = "1688-app", AppSecret = "ali-app-secret-value" };
        alibaba.Shops["shop-1"] = new Alibaba1688ShopOptions { AccessToken = "ali-access-token-value", RefreshToken = "ali-refresh-token-value" };
        var top = new TopOptions { AppKey = "12345678", AppSecret = "top-app-secret-value" };
        top.Sellers["seller-1"] = new TopSellerOptions { Session = "top-session-value" };

        var json = string.Join(Environment.NewLine, JsonSerializer.Serialize(jushuitan), JsonSerializer.Serialize(alibaba), JsonSerializer.Serialize(top));

        foreach (var secret in new[] { "jst-partner-key-value", "jst-legacy-token-value", "jst-app-secret-value", "jst-access-token-value", "jst-refresh-token-value", "ali-app-secret-value", "ali-access-token-value", "ali-refresh-token-value", "top-app-secret-value", "top-session-value" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }

        Assert.Contains("\"AppSecret\":\"***\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Session\":\"***\"", json, StringComparison.Ordinal);
        // Identifiers are not secrets and stay readable, so a serialized copy still says which app it describes.
        Assert.Contains("12345678", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_read_back_from_json_is_taken_as_written()
    {
        var options = JsonSerializer.Deserialize<TopOptions>("{\"AppKey\":\"1\",\"AppSecret\":\"from-json\"}")!;
        Assert.Equal("from-json", options.AppSecret);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TopOptions>("{\"AppSecret\":42}"));
    }
}
