"""How each sample country is named in the language of its review.

The text templates say ``{in_country}`` or ``{adj_f}`` rather than a bare name because French and
Spanish need articles and agreement ("au Sénégal", "en Tunisie", "la diaspora marocaine"). Every
place also carries the partner countries its migrants leave for (``destinations``) and come from
(``origins``), written as a noun phrase the templates can drop after "such as".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """The naming forms of one country in one language."""

    name: str  # as on a title page: "Republic of Moldova", "Sénégal"
    country: str  # mid-sentence, with its article: "the Philippines", "le Sénégal"
    country_cap: str  # at the start of a sentence: "The Philippines", "Le Sénégal"
    in_country: str  # "in Kenya", "au Sénégal", "en Tunisie", "en México"
    of_country: str  # "of Kenya", "du Sénégal", "de la Tunisie", "de México"
    adj: str  # masculine singular: "Kenyan", "sénégalais", "mexicano"
    adj_p: str  # masculine plural: "sénégalais", "mexicanos"
    adj_f: str  # feminine singular: "sénégalaise", "mexicana"
    adj_fp: str  # feminine plural: "sénégalaises", "mexicanas"
    capital: str
    city: str  # a second city, often on a border or a migration route
    destinations: str  # where the country's emigrants mostly go
    origins: str  # where the country's immigrants mostly come from
    currency: str  # as the language's money template needs it: "KES", "de francs CFA", "pesos"

    def forms(self) -> dict[str, str]:
        """Return the template placeholders this place fills, keyed as the templates name them."""
        return {
            "name": self.name, "country": self.country, "Country": self.country_cap,
            "in_country": self.in_country, "of_country": self.of_country, "adj": self.adj,
            "adj_p": self.adj_p, "adj_f": self.adj_f, "adj_fp": self.adj_fp,
            "capital": self.capital, "city": self.city, "destinations": self.destinations,
            "origins": self.origins,
        }


def _en(name: str, adj: str, capital: str, city: str, destinations: str, origins: str,
        currency: str, article: str = "") -> Place:
    country = f"{article}{name}"
    return Place(name, country, country[:1].upper() + country[1:], f"in {country}",
                 f"of {country}", adj, adj, adj, adj, capital, city, destinations, origins,
                 currency)


def _es(name: str, adj: str, adj_f: str, capital: str, city: str, destinations: str,
        origins: str, currency: str) -> Place:
    plural = adj + ("s" if adj.endswith(("o", "a", "e")) else "es")
    plural_f = adj_f + ("s" if adj_f.endswith(("o", "a", "e")) else "es")
    return Place(name, name, name, f"en {name}", f"de {name}", adj, plural, adj_f, plural_f,
                 capital, city, destinations, origins, currency)


PLACES: dict[str, Place] = {
    "KEN": _en("Kenya", "Kenyan", "Nairobi", "Mombasa",
               "Saudi Arabia, Qatar and the United Arab Emirates",
               "Somalia, South Sudan and Ethiopia", "KES"),
    "GHA": _en("Ghana", "Ghanaian", "Accra", "Kumasi",
               "Nigeria, the United Kingdom and Germany",
               "Nigeria, Burkina Faso and Togo", "GHS"),
    "MDA": _en("Republic of Moldova", "Moldovan", "Chisinau", "Balti",
               "Italy, Germany and the Russian Federation",
               "Ukraine, Romania and Türkiye", "MDL", article="the "),
    "AZE": _en("Azerbaijan", "Azerbaijani", "Baku", "Ganja",
               "the Russian Federation, Türkiye and Germany",
               "the Russian Federation, Georgia and Türkiye", "AZN"),
    "BGD": _en("Bangladesh", "Bangladeshi", "Dhaka", "Sylhet",
               "Saudi Arabia, Malaysia and Oman", "Myanmar, India and China", "BDT"),
    "PHL": _en("Philippines", "Filipino", "Manila", "Cebu",
               "Saudi Arabia, the United Arab Emirates and Singapore",
               "China, the Republic of Korea and the United States", "PHP", article="the "),
    "IRQ": _en("Iraq", "Iraqi", "Baghdad", "Erbil", "Türkiye, Germany and Jordan",
               "the Syrian Arab Republic, the Islamic Republic of Iran and Bangladesh", "IQD"),
    "SEN": Place("Sénégal", "le Sénégal", "Le Sénégal", "au Sénégal", "du Sénégal",
                 "sénégalais", "sénégalais", "sénégalaise", "sénégalaises", "Dakar",
                 "Tambacounda", "la France, l’Espagne et l’Italie",
                 "la Guinée, le Mali et la Gambie", "de francs CFA"),
    "MAR": Place("Maroc", "le Maroc", "Le Maroc", "au Maroc", "du Maroc", "marocain",
                 "marocains", "marocaine", "marocaines", "Rabat", "Oujda",
                 "la France, l’Espagne et la Belgique",
                 "le Sénégal, la Côte d’Ivoire et la Guinée", "de dirhams"),
    "LUX": Place("Luxembourg", "le Luxembourg", "Le Luxembourg", "au Luxembourg",
                 "du Luxembourg", "luxembourgeois", "luxembourgeois", "luxembourgeoise",
                 "luxembourgeoises", "Luxembourg-Ville", "Esch-sur-Alzette",
                 "la Belgique, la France et l’Allemagne", "le Portugal, la France et l’Italie",
                 "d’euros"),
    "TUN": Place("Tunisie", "la Tunisie", "La Tunisie", "en Tunisie", "de la Tunisie",
                 "tunisien", "tunisiens", "tunisienne", "tunisiennes", "Tunis", "Sfax",
                 "la France, l’Italie et l’Allemagne",
                 "la Côte d’Ivoire, le Cameroun et la Guinée", "de dinars"),
    "TGO": Place("Togo", "le Togo", "Le Togo", "au Togo", "du Togo", "togolais", "togolais",
                 "togolaise", "togolaises", "Lomé", "Kara", "le Ghana, la France et l’Allemagne",
                 "le Bénin, le Ghana et le Burkina Faso", "de francs CFA"),
    "ESP": _es("España", "español", "española", "Madrid", "Almería",
               "el Reino Unido, Alemania y Francia", "Marruecos, Colombia y Venezuela",
               "euros"),
    "MEX": _es("México", "mexicano", "mexicana", "Ciudad de México", "Tapachula",
               "Estados Unidos y Canadá", "Honduras, Guatemala y Venezuela", "pesos"),
    "COL": _es("Colombia", "colombiano", "colombiana", "Bogotá", "Cúcuta",
               "Estados Unidos, España y Chile", "Venezuela, Ecuador y Perú", "pesos"),
    "ECU": _es("Ecuador", "ecuatoriano", "ecuatoriana", "Quito", "Huaquillas",
               "Estados Unidos, España e Italia", "Venezuela y Colombia", "dólares"),
    "CRI": _es("Costa Rica", "costarricense", "costarricense", "San José", "Upala",
               "Estados Unidos y Panamá", "Nicaragua, Venezuela y Colombia", "colones"),
}
