using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Demo;

internal static class DemoPeople
{
    private static readonly (string First, string Last, string Language)[] Names =
    [
        ("Ewa", "Nowak", "pl"), ("Katarzyna", "Wiśniewska", "pl"), ("Tomasz", "Wójcik", "pl"), ("Magdalena", "Kamińska", "pl"),
        ("Jakub", "Lewandowski", "pl"), ("Zofia", "Zielińska", "pl"), ("Łukasz", "Szymański", "pl"), ("Agnieszka", "Dąbrowska", "pl"),
        ("Lucía", "García", "es"), ("Sofía", "Martínez", "es"), ("Benjamín", "Muñoz", "es"), ("Valentina", "Soto", "es"),
        ("Martina", "Contreras", "es"), ("Vicente", "Silva", "es"), ("Isidora", "Pérez", "es"), ("Tomás", "Fuentes", "es"),
        ("Camille", "Dubois", "fr"), ("Léa", "Moreau", "fr"), ("Hugo", "Laurent", "fr"), ("Chloé", "Lefèvre", "fr"),
        ("Gabija", "Petrauskaitė", "lt"), ("Lukas", "Jankauskas", "lt"), ("Emilija", "Stankevičiūtė", "lt"), ("Matas", "Vasiliauskas", "lt"),
        ("Olivia", "Smith", "en"), ("James", "Brown", "en"), ("Amelia", "Taylor", "en"), ("Noah", "Wilson", "en"),
        ("Julia", "Kowalczyk", "pl"), ("Mateo", "Rojas", "es"),
    ];

    public static IEnumerable<ClientProfile> Clients => Names.Select((n, i) => new ClientProfile(
        n.First, n.Last, $"{Ascii(n.First)}.{Ascii(n.Last)}{i}@example.com".ToLowerInvariant(),
        $"+48 600 {100 + i:000} {200 + i:000}", null, new DateOnly(1970 + i, 1 + i % 12, 1 + i % 28), null, n.Language));

    private static string Ascii(string name) => string.Concat(
        name.Normalize(System.Text.NormalizationForm.FormD).Where(c => c < 128 && char.IsLetter(c)));
}
