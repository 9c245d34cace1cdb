namespace PlatformSdk.Alibaba1688.Tests; public class Smoke { [Fact] public void Builds() => Assert.True(true); }
