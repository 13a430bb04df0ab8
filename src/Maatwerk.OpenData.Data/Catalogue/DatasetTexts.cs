namespace Maatwerk.OpenData.Data.Catalogue;

/// <summary>
/// The dataset's title, description and data licence: the one place they are written, used by
/// <c>/dataset</c>, the DCAT record, Excel downloads and the data package of every release archive.
/// </summary>
public static class DatasetTexts
{
    public const string TitleNl = "Maatwerkaanpak verduurzaming industrie: maatwerkafspraken met de grootste industriële uitstoters";

    public const string TitleEn = "Tailor-made decarbonisation agreements with the largest industrial emitters in the Netherlands";

    public const string DescriptionNl =
        "De bedrijven in de maatwerkaanpak verduurzaming industrie, de fasen van hun afspraken met de overheid, elke "
        + "statuswijziging met datum, de afgesproken reducties van CO2, N2O en NOx, de mijlpalen van het programma en de "
        + "openbare bronnen achter elk feit.";

    public const string DescriptionEn =
        "The companies in the Dutch tailor-made approach to industrial decarbonisation, the phases of their agreements with "
        + "the government, every dated status change, the agreed reductions of CO2, N2O and NOx, the programme's milestones "
        + "and the public sources behind every fact.";

    /// <summary>SPDX id of the data licence: the data is published under CC0 1.0 (a citation is requested, not required).</summary>
    public const string LicenseId = "CC0-1.0";

    public const string LicenseName = "Creative Commons Zero v1.0 Universal";

    public const string LicenseUrl = "https://creativecommons.org/publicdomain/zero/1.0/";
}
