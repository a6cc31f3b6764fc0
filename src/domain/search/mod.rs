//! Search that forgives: a query word finds a word of a module's name or
//! descriptions as typed, or typed in the wrong keyboard layout
//! (`ntktajybz` → «телефония»), transliterated either way (`sdek` ↔ «СДЭК»),
//! with one typo in a word of five letters or more (two from eight), or in
//! another Russian form («кассой» ↔ «касса»). An exact match ranks above a
//! forgiving one, and the name above the descriptions. A moderator's
//! synonym lets a word find what other words find (`synonyms`).

pub mod synonyms;

use super::lang::Localized;
use super::{Lang, Listing};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use synonyms::Synonym;

/// How well a query word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Strength {
    Forgiving,
    Exact,
}

/// A word of a text, kept as the search compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower case, ё as е.
    folded: String,
    /// In Latin letters, by `skeleton`.
    latin: String,
    /// In Latin letters, doubled letters kept: what typos are counted on.
    spelled: String,
    /// `folded` without a Russian ending.
    stem: String,
    /// Which characters `spelled` has, by `letter_bit`.
    letters: u64,
}

impl Word {
    pub fn new(word: &str) -> Word {
        let folded = fold(word);
        let spelled = transliterate(&folded);
        let letters = spelled.chars().fold(0, |set, c| set | letter_bit(c));
        Word { latin: once(&spelled), spelled, stem: stem(&folded).to_string(), folded, letters }
    }
}

/// A character's bit in a word's set of letters: one of its own for each
/// Latin letter and digit, shared by the rest.
fn letter_bit(c: char) -> u64 {
    let place = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    };
    1 << place
}

/// A word of the query, with the spellings it may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    typed: Word,
    /// The same keys in the other layout.
    swapped: Word,
}

impl QueryWord {
    pub fn new(word: &str) -> QueryWord {
        QueryWord { typed: Word::new(word), swapped: Word::new(&swap_layout(&fold(word))) }
    }

    /// How well this query word finds `word`, if it does.
    pub fn find(&self, word: &Word) -> Option<Strength> {
        if word.folded.contains(&self.typed.folded) {
            return Some(Strength::Exact);
        }
        [&self.typed, &self.swapped].into_iter().any(|query| forgives(query, word)).then_some(Strength::Forgiving)
    }

    /// Whether this word is `term` (folded), as typed or in the other layout.
    fn is(&self, term: &str) -> bool {
        self.typed.folded == term || self.swapped.folded == term
    }
}

/// The query's words.
pub fn query_words(query: &str) -> Vec<QueryWord> {
    query.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(QueryWord::new).collect()
}

fn forgives(query: &Word, word: &Word) -> bool {
    if query.folded.is_empty() {
        return false;
    }
    if word.folded.contains(&query.folded) {
        return true;
    }
    // Transliterated: anywhere in the word, or at its start for a skeleton
    // of two letters or fewer («ккт» is "kt", inside many a word).
    let short = query.latin.chars().count() < 3;
    if !query.latin.is_empty()
        && (word.latin.starts_with(&query.latin) || (!short && word.latin.contains(&query.latin)))
    {
        return true;
    }
    let letters = query.folded.chars().count();
    if letters >= 4
        && query.stem.chars().count() >= 3
        && (word.folded.starts_with(&query.stem) || word.stem == query.stem)
    {
        return true;
    }
    let allowed = typos_allowed(letters);
    // Each letter of the query the word lacks takes a typo at least: most of
    // the vocabulary is ruled out here, before counting (a keystroke at 10,000 modules).
    if allowed == 0 || (query.letters & !word.letters).count_ones() as usize > allowed {
        return false;
    }
    // The whole word, or its start as long as the query (a word still being typed).
    let start = word.spelled.char_indices().nth(query.spelled.chars().count()).map_or(word.spelled.len(), |(at, _)| at);
    distance(&query.spelled, &word.spelled).min(distance(&query.spelled, &word.spelled[..start])) <= allowed
}

/// One typo from five letters, two from eight.
pub fn typos_allowed(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Lower case, ё as е: Russian typists routinely skip the dots.
pub fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

const LATIN_KEYS: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const CYRILLIC_KEYS: &str = "йцукенгшщзхъфывапролджэячсмитьбюё";

/// The same keys pressed in the other layout (ЙЦУКЕН ↔ QWERTY), each letter
/// that has a twin; the direction is the one most of the word's letters need.
pub fn swap_layout(text: &str) -> String {
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cyrillic = text.chars().filter(|c| CYRILLIC_KEYS.contains(*c)).count();
    let (from, to) = if latin >= cyrillic { (LATIN_KEYS, CYRILLIC_KEYS) } else { (CYRILLIC_KEYS, LATIN_KEYS) };
    text.chars().map(|c| from.chars().position(|k| k == c).and_then(|i| to.chars().nth(i)).unwrap_or(c)).collect()
}

/// A word in Latin letters, so that its Cyrillic and Latin spellings meet:
/// `transliterate`, then doubled letters once.
pub fn skeleton(folded: &str) -> String {
    once(&transliterate(folded))
}

fn once(text: &str) -> String {
    let mut once = String::with_capacity(text.len());
    for c in text.chars() {
        if !once.ends_with(c) {
            once.push(c);
        }
    }
    once
}

/// Cyrillic transliterated, then Latin and Cyrillic reduced alike (`kh` →
/// `h`, `ts` → `c`, `y`/`j` → `i`, soft and hard signs dropped).
fn transliterate(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len());
    for c in folded.chars() {
        latin.push_str(match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'ы' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sh",
            'ъ' | 'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            c if c.is_ascii_alphanumeric() => {
                latin.push(c);
                continue;
            }
            _ => continue,
        });
    }
    latin
        .replace("kh", "h")
        .replace("ts", "c")
        .replace("sch", "sh")
        .replace("ya", "ia")
        .replace("yu", "iu")
        .replace("yo", "e")
        .replace("ck", "k")
        .replace(['y', 'j'], "i")
        .replace('w', "v")
        .replace('x', "ks")
        .replace('q', "k")
}

/// Russian endings a word's forms differ by, longest first.
const ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ией", "ием", "иям", "ях", "ах", "ов", "ев",
    "ей", "ой", "ою", "ом", "ем", "ам", "ям", "ия", "ие", "ий", "ию", "ии", "ая", "яя", "ое", "ые", "ую", "ый",
];
const VOWEL_ENDINGS: [char; 8] = ['а', 'я', 'ы', 'и', 'у', 'ю', 'е', 'о'];

/// `folded` without its Russian ending, never shorter than three letters.
pub fn stem(folded: &str) -> &str {
    let letters = folded.chars().count();
    for ending in ENDINGS.iter().copied() {
        if let Some(stem) = folded.strip_suffix(ending) {
            if letters - ending.chars().count() >= 3 {
                return stem;
            }
        }
    }
    match folded.strip_suffix(VOWEL_ENDINGS) {
        Some(stem) if letters > 3 => stem,
        _ => folded,
    }
}

/// Typos between two words: insertions, deletions, substitutions and swaps
/// of two neighbours each count one (the optimal string alignment distance).
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The words of a listing's fields, as places in the index's vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Fields {
    name: Vec<u32>,
    text: Vec<u32>,
}

/// Every listing's words, split and folded once, each distinct word kept
/// once: a keystroke compares the query with the vocabulary, not with each
/// listing's text, and then only looks up each listing's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    vocabulary: Vec<Word>,
    listings: Vec<Localized<Fields>>,
    synonyms: Vec<Synonym>,
}

/// How well one query word finds each word of the vocabulary.
type Found = Vec<Option<Strength>>;

/// How well a query word found `fields`: in the name exactly (3), forgivingly
/// (2), in the descriptions exactly (1) or forgivingly (0).
fn score(fields: &Fields, strengths: &[Option<Strength>]) -> Option<u32> {
    let best = |places: &[u32]| places.iter().filter_map(|&p| strengths[p as usize]).max();
    match (best(&fields.name), best(&fields.text)) {
        (Some(Strength::Exact), _) => Some(3),
        (Some(Strength::Forgiving), _) => Some(2),
        (None, Some(Strength::Exact)) => Some(1),
        (None, Some(Strength::Forgiving)) => Some(0),
        (None, None) => None,
    }
}

/// A match through a synonym ranks as a forgiving one in the same field.
fn as_forgiving(score: u32) -> u32 {
    match score {
        3 => 2,
        1 => 0,
        other => other,
    }
}

/// How well the query found a listing: for each query word, found in the
/// name exactly (3), forgivingly (2), in the descriptions exactly (1) or
/// forgivingly (0), summed; `None` when a word is found nowhere.
pub type Relevance = Option<u32>;

impl SearchIndex {
    /// The index of `listings`, in their order.
    pub fn of<'a>(listings: impl Iterator<Item = &'a Listing>) -> SearchIndex {
        let mut places: HashMap<String, u32> = HashMap::new();
        let mut vocabulary = Vec::new();
        let mut place = |text: &str| -> Vec<u32> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let folded = fold(w);
                    *places.entry(folded).or_insert_with_key(|folded| {
                        vocabulary.push(Word::new(folded));
                        u32::try_from(vocabulary.len() - 1).unwrap_or(u32::MAX)
                    })
                })
                .collect()
        };
        let listings = listings
            .map(|listing| {
                let fields = |lang: Lang, place: &mut dyn FnMut(&str) -> Vec<u32>| {
                    let materials = listing.materials(lang);
                    Fields {
                        name: place(&materials.name),
                        text: place(&format!("{} {}", materials.short, materials.description)),
                    }
                };
                Localized { ru: fields(Lang::Ru, &mut place), en: fields(Lang::En, &mut place) }
            })
            .collect();
        SearchIndex { vocabulary, listings, synonyms: Vec::new() }
    }

    /// The moderators' synonyms join the index (they arrive after the catalog).
    pub fn set_synonyms(&mut self, synonyms: Vec<Synonym>) {
        self.synonyms = synonyms;
    }

    /// How well `word` finds each word of the vocabulary.
    fn strengths(&self, word: &QueryWord) -> Vec<Option<Strength>> {
        self.vocabulary.iter().map(|known| word.find(known)).collect()
    }

    /// Each listing's relevance to `query` in `lang`, in the listings' order.
    /// A query word that is a synonym's term also finds a listing where every
    /// word of its meaning is found, in either language, ranked as a
    /// forgiving match.
    pub fn relevance(&self, query: &str, lang: Lang) -> Vec<Relevance> {
        // Each query word (and each meaning it stands for) against each distinct word, once.
        let found: Vec<(Found, Vec<Vec<Found>>)> = query_words(query)
            .iter()
            .map(|word| {
                let meanings = (self.synonyms.iter().filter(|synonym| word.is(&synonym.term)))
                    .map(|synonym| query_words(&synonym.meaning).iter().map(|w| self.strengths(w)).collect())
                    .collect();
                (self.strengths(word), meanings)
            })
            .collect();
        self.listings
            .iter()
            .map(|listing| {
                let fields = listing.get(lang);
                found.iter().try_fold(0, |sum, (own, meanings)| {
                    // A meaning is in the moderator's words, found in either language.
                    let by_meaning = meanings.iter().filter_map(|words| {
                        let each = words
                            .iter()
                            .map(|strengths| score(&listing.ru, strengths).max(score(&listing.en, strengths)));
                        each.collect::<Option<Vec<u32>>>()?.into_iter().min().map(as_forgiving)
                    });
                    let best = score(fields, own).into_iter().chain(by_meaning).max()?;
                    Some(sum + best)
                })
            })
            .collect()
    }
}
