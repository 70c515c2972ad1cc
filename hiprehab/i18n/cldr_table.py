"""Made by scripts/cldr_table.py from babel 2.19.0's CLDR data; do not edit.

For each locale of the shipped languages (`LOCALES`: its shape in `SHAPES`): the plural category
of each whole number from 0 to 999 that is not "other", the abbreviated minutes for each
category, a list of two and the decimal sign. Whole numbers up to 999 are plain digits in them.
"""

from __future__ import annotations

from typing import Any

Shape = dict[str, Any]  # "plural": {number: category}, "minutes": {category: pattern},
# "list2": pattern, "decimal": the decimal sign

SHAPES: tuple[Shape, ...] = (
    dict(decimal=',', list2='{0} und {1}', plural={1: 'one'},
         minutes={'one': '{0} Min.', 'other': '{0} Min.'}),
    dict(decimal='.', list2='{0} und {1}', plural={1: 'one'},
         minutes={'one': '{0} Min.', 'other': '{0} Min.'}),
    dict(decimal='.', list2='{0} and {1}', plural={1: 'one'},
         minutes={'one': '{0} min', 'other': '{0} min'}),
    dict(decimal='.', list2='{0} and {1}', plural={1: 'one'},
         minutes={'one': '{0} min', 'other': '{0} mins'}),
    dict(decimal=',', list2='{0} and {1}', plural={1: 'one'},
         minutes={'one': '{0} min', 'other': '{0} mins'}),
    dict(decimal='.', list2='{0}, {1}', plural={1: 'one'},
         minutes={'one': '{0} min', 'other': '{0} min'}),
    dict(decimal='.', list2='{0} 𐑯 {1}', plural={1: 'one'},
         minutes={'one': '{0} 𐑥𐑦𐑯', 'other': '{0} 𐑥𐑦𐑯𐑟'}),
)

LOCALES: dict[str, int] = {
    'de': 0, 'de_AT': 0, 'de_BE': 0, 'de_CH': 1, 'de_DE': 0, 'de_IT': 0, 'de_LI': 1, 'de_LU': 0,
    'en': 2, 'en_001': 3, 'en_150': 3, 'en_AE': 2, 'en_AG': 3, 'en_AI': 3, 'en_AS': 2, 'en_AT':
    4, 'en_AU': 3, 'en_BB': 3, 'en_BE': 4, 'en_BI': 2, 'en_BM': 3, 'en_BS': 3, 'en_BW': 3,
    'en_BZ': 3, 'en_CA': 3, 'en_CC': 3, 'en_CH': 3, 'en_CK': 3, 'en_CM': 3, 'en_CX': 3, 'en_CY':
    3, 'en_CZ': 4, 'en_DE': 4, 'en_DG': 3, 'en_DK': 4, 'en_DM': 3, 'en_Dsrt': 5, 'en_Dsrt_US':
    5, 'en_EE': 4, 'en_ER': 3, 'en_ES': 4, 'en_FI': 4, 'en_FJ': 3, 'en_FK': 3, 'en_FM': 3,
    'en_FR': 4, 'en_GB': 3, 'en_GD': 3, 'en_GE': 4, 'en_GG': 3, 'en_GH': 3, 'en_GI': 3, 'en_GM':
    3, 'en_GS': 3, 'en_GU': 2, 'en_GY': 3, 'en_HK': 3, 'en_HU': 4, 'en_ID': 4, 'en_IE': 3,
    'en_IL': 3, 'en_IM': 3, 'en_IN': 3, 'en_IO': 3, 'en_IT': 4, 'en_JE': 3, 'en_JM': 3, 'en_JP':
    2, 'en_KE': 3, 'en_KI': 3, 'en_KN': 3, 'en_KY': 3, 'en_LC': 3, 'en_LR': 3, 'en_LS': 3,
    'en_LT': 4, 'en_LV': 4, 'en_MG': 3, 'en_MH': 2, 'en_MO': 3, 'en_MP': 2, 'en_MS': 3, 'en_MT':
    3, 'en_MU': 3, 'en_MV': 3, 'en_MW': 3, 'en_MY': 3, 'en_NA': 3, 'en_NF': 3, 'en_NG': 3,
    'en_NL': 4, 'en_NO': 4, 'en_NR': 3, 'en_NU': 3, 'en_NZ': 3, 'en_PG': 3, 'en_PH': 2, 'en_PK':
    3, 'en_PL': 4, 'en_PN': 3, 'en_PR': 2, 'en_PT': 4, 'en_PW': 3, 'en_RO': 4, 'en_RW': 3,
    'en_SB': 3, 'en_SC': 3, 'en_SD': 3, 'en_SE': 4, 'en_SG': 3, 'en_SH': 3, 'en_SI': 4, 'en_SK':
    4, 'en_SL': 3, 'en_SS': 3, 'en_SX': 3, 'en_SZ': 3, 'en_Shaw': 6, 'en_Shaw_GB': 6, 'en_TC':
    3, 'en_TK': 3, 'en_TO': 3, 'en_TT': 3, 'en_TV': 3, 'en_TZ': 3, 'en_UA': 4, 'en_UG': 3,
    'en_UM': 2, 'en_US': 2, 'en_US_POSIX': 2, 'en_VC': 3, 'en_VG': 3, 'en_VI': 2, 'en_VU': 3,
    'en_WS': 3, 'en_ZA': 4, 'en_ZM': 3, 'en_ZW': 3,
}
