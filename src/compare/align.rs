//! Local alignment of two `Content`s, as passim does it: exact character n-gram seeds shared by
//! both texts, merged along diagonals into exact blocks, chained across small gaps (a changed
//! word, an inserted phrase) into aligned passages; each gap is aligned by edit distance so the
//! passage's identity ratio counts what really changed.

use super::content::Content;

/// Alignment parameters (documented in docs/compare.md).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Seed length in content chars.
    pub seed: usize,
    /// Largest gap (in content chars, on either side) two blocks may have between them and
    /// still form one passage.
    pub max_gap: usize,
    /// Shortest passage kept, in content chars on both sides.
    pub min_len: usize,
    /// Lowest identity ratio kept.
    pub min_identity: f64,
    /// An n-gram occurring more often than this in A or in B is not used as a seed: text
    /// repeated that often (a "查看原文" link under every news item) is page furniture, and
    /// would make seeds quadratic.
    pub max_seed_repeats: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            seed: 5,
            max_gap: 8,
            min_len: 15,
            min_identity: 0.7,
            max_seed_repeats: 8,
        }
    }
}

/// One aligned passage, in content-char offsets of A and B.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    pub a: (usize, usize),
    pub b: (usize, usize),
    /// Content chars equal in both.
    pub matches: usize,
    /// Alignment columns: matches + substitutions + insertions + deletions.
    pub columns: usize,
}

impl Aligned {
    pub fn identity(&self) -> f64 {
        if self.columns == 0 {
            0.0
        } else {
            self.matches as f64 / self.columns as f64
        }
    }
}

/// Exact block: `a.0..a.0+len` equals `b.0..b.0+len`.
#[derive(Debug, Clone, Copy)]
struct Block {
    a: usize,
    b: usize,
    len: usize,
}

/// Align A against B; passages sorted by (A start, B start).
pub fn align(a: &Content, b: &Content, p: &Params) -> Vec<Aligned> {
    let sa = seed_index(&a.gram_hashes(p.seed));
    let sb = seed_index(&b.gram_hashes(p.seed));
    align_indexed(&a.chars, &sa, &b.chars, &sb, p)
}

/// Seed n-gram hashes (upper 32 bits) with their positions, sorted: what `align_indexed`
/// merges. The corpus run computes it once per file.
pub fn seed_index(hashes: &[u64]) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| ((h >> 32) as u32, i as u32))
        .collect();
    v.sort_unstable();
    v
}

/// `align` with both sides' seed indexes already built.
pub fn align_indexed(
    a: &[char],
    sa: &[(u32, u32)],
    b: &[char],
    sb: &[(u32, u32)],
    p: &Params,
) -> Vec<Aligned> {
    let blocks = blocks(a, sa, b, sb, p);
    let mut out: Vec<Aligned> = chain(&blocks, a, b, p);
    drop(blocks);
    out = without_nested(out);
    out.sort_by_key(|x| (x.a.0, x.b.0, x.a.1, x.b.1));
    out.shrink_to_fit();
    out
}

/// Passages that lie inside another on both sides say nothing it does not: a text compared
/// with itself whose opening paragraph it repeats gave the whole text, then that paragraph
/// against its copy twice over. A passage inside another on one side only (a paragraph B
/// has twice) stays.
fn without_nested(mut found: Vec<Aligned>) -> Vec<Aligned> {
    // Containers before what they contain: by A start, then the longest first.
    found.sort_by_key(|x| {
        (
            x.a.0,
            std::cmp::Reverse(x.a.1),
            x.b.0,
            std::cmp::Reverse(x.b.1),
        )
    });
    let mut kept: Vec<Aligned> = Vec::with_capacity(found.len());
    for x in found {
        let inside =
            |y: &Aligned| y.a.0 <= x.a.0 && x.a.1 <= y.a.1 && y.b.0 <= x.b.0 && x.b.1 <= y.b.1;
        if !kept.iter().any(inside) {
            kept.push(x);
        }
    }
    kept
}

/// Whether a finished chain is a passage: long enough on both sides, and similar enough.
fn kept(x: &Aligned, p: &Params) -> bool {
    x.a.1 - x.a.0 >= p.min_len && x.b.1 - x.b.0 >= p.min_len && x.identity() >= p.min_identity
}

/// Maximal exact matches of at least `seed` chars, sorted by (A start, B start). Seeds come
/// from a merge of both sides' seed indexes; seeds on one diagonal with
/// consecutive A positions form one block. Seeds and blocks are packed (8 and 12 bytes): a
/// long text aligned with a copy of itself has a seed at nearly every char.
fn blocks(a: &[char], sa: &[(u32, u32)], b: &[char], sb: &[(u32, u32)], p: &Params) -> Vec<Packed> {
    let n = p.seed;
    // A diagonal j - i is stored shifted by A's length, so it fits 32 bits when both texts
    // together are shorter than 4G chars (positions are u32 anyway).
    let shift = a.len() as u64;
    if a.len() as u64 + b.len() as u64 >= u64::from(u32::MAX) {
        return Vec::new();
    }
    // Seeds as (diagonal j - i + |A|) << 32 | i: sorted, they run along diagonals.
    let mut seeds: Vec<u64> = Vec::new();
    if a.len() + b.len() >= LONG {
        // Reserved up front: grown by doubling, the vector could hold twice what it needs.
        seeds.reserve_exact(seed_bound(sa, sb, p));
    }
    for (ra, rb) in shared_hashes(sa, sb, p.max_seed_repeats) {
        for &(_, i) in ra {
            for &(_, j) in rb {
                let (iu, ju) = (i as usize, j as usize);
                // Equal hashes of unequal windows (collisions) are no seed.
                if a[iu..iu + n] == b[ju..ju + n] {
                    let d = u64::from(j) + shift - u64::from(i);
                    seeds.push(d << 32 | u64::from(i));
                }
            }
        }
    }
    seeds.sort_unstable();
    let mut out = Vec::new();
    let mut k = 0;
    while k < seeds.len() {
        let (d, first) = (seeds[k] >> 32, seeds[k] as u32);
        let mut last = first;
        k += 1;
        while k < seeds.len() && seeds[k] >> 32 == d && seeds[k] as u32 == last + 1 {
            last += 1;
            k += 1;
        }
        out.push(Packed {
            a: first,
            b: (d + u64::from(first) - shift) as u32,
            len: last - first + n as u32,
        });
    }
    out.sort_by_key(|x| (x.a, x.b));
    out
}

/// Texts this long together (chars) get their seed vector sized before it is filled.
const LONG: usize = 1 << 20;

/// At most how many seeds `blocks` finds: pairs of equal hashes, collisions included.
fn seed_bound(sa: &[(u32, u32)], sb: &[(u32, u32)], p: &Params) -> usize {
    shared_hashes(sa, sb, p.max_seed_repeats)
        .map(|(ra, rb)| ra.len() * rb.len())
        .sum()
}

/// A seed index entry: (hash of the window, its start).
type SeedEntry = (u32, u32);

/// The runs of entries with one hash on both sides of two hash-sorted seed indexes, in hash
/// order, leaving out hashes that repeat more than `max_repeats` times on either side.
fn shared_hashes<'a>(
    sa: &'a [(u32, u32)],
    sb: &'a [(u32, u32)],
    max_repeats: usize,
) -> impl Iterator<Item = (&'a [SeedEntry], &'a [SeedEntry])> {
    let (mut x, mut y) = (0, 0);
    std::iter::from_fn(move || {
        while x < sa.len() && y < sb.len() {
            match sa[x].0.cmp(&sb[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    let h = sa[x].0;
                    let xe = x + sa[x..].iter().take_while(|e| e.0 == h).count();
                    let ye = y + sb[y..].iter().take_while(|e| e.0 == h).count();
                    let runs = (&sa[x..xe], &sb[y..ye]);
                    (x, y) = (xe, ye);
                    if runs.0.len() <= max_repeats && runs.1.len() <= max_repeats {
                        return Some(runs);
                    }
                }
            }
        }
        None
    })
}

/// A `Block` in 32-bit fields.
#[derive(Debug, Clone, Copy)]
struct Packed {
    a: u32,
    b: u32,
    len: u32,
}

impl From<Packed> for Block {
    fn from(p: Packed) -> Block {
        Block {
            a: p.a as usize,
            b: p.b as usize,
            len: p.len as usize,
        }
    }
}

/// Chain blocks whose gaps on both sides are at most `max_gap` (overlaps are trimmed off the
/// later block). Each block joins the open chain it follows most closely. Only the chains that
/// are `kept` are returned, dropped as they close: a text aligned with a copy of itself has a
/// short chain at every repeated phrase, millions for a long one.
fn chain(blocks: &[Packed], a: &[char], b: &[char], p: &Params) -> Vec<Aligned> {
    let mut open: Vec<Aligned> = Vec::new();
    let mut done = Vec::new();
    for &blk in blocks {
        let blk = Block::from(blk);
        // Chains too far behind can never be extended again: blocks come in A order.
        let mut k = 0;
        while k < open.len() {
            if open[k].a.1 + p.max_gap < blk.a {
                let c = open.remove(k);
                if kept(&c, p) {
                    done.push(c);
                }
            } else {
                k += 1;
            }
        }
        let mut best: Option<(usize, usize)> = None; // (index, largest gap)
        for (k, c) in open.iter().enumerate() {
            let ga = blk.a as isize - c.a.1 as isize;
            let gb = blk.b as isize - c.b.1 as isize;
            let overlap = (-ga).max(-gb).max(0) as usize;
            if ga > p.max_gap as isize || gb > p.max_gap as isize || overlap >= blk.len {
                continue;
            }
            // Both chains and the block must move forward in B too.
            if blk.b + blk.len <= c.b.1 || blk.a + blk.len <= c.a.1 {
                continue;
            }
            let gap = ga.max(gb).max(0) as usize;
            if best.is_none_or(|(_, g)| gap < g) {
                best = Some((k, gap));
            }
        }
        match best {
            Some((k, _)) => extend(&mut open[k], blk, a, b),
            None => open.push(Aligned {
                a: (blk.a, blk.a + blk.len),
                b: (blk.b, blk.b + blk.len),
                matches: blk.len,
                columns: blk.len,
            }),
        }
    }
    done.extend(open.into_iter().filter(|c| kept(c, p)));
    done
}

/// Append `blk` to chain `c`: trim any overlap, align the gap, add the block.
fn extend(c: &mut Aligned, blk: Block, a: &[char], b: &[char]) {
    let overlap = (c.a.1.saturating_sub(blk.a)).max(c.b.1.saturating_sub(blk.b));
    let (sa, sb, len) = (blk.a + overlap, blk.b + overlap, blk.len - overlap);
    let (m, cols) = gap_alignment(&a[c.a.1..sa], &b[c.b.1..sb]);
    c.matches += m + len;
    c.columns += cols + len;
    c.a.1 = sa + len;
    c.b.1 = sb + len;
}

/// Edit-distance alignment of two short gaps: (matches, columns).
pub fn gap_alignment(x: &[char], y: &[char]) -> (usize, usize) {
    if x.is_empty() || y.is_empty() {
        return (0, x.len() + y.len());
    }
    // cost[i][j] = edit distance of x[..i], y[..j]; ties resolved towards more matches.
    let (n, m) = (x.len(), y.len());
    let mut d = vec![vec![(0usize, 0usize); m + 1]; n + 1]; // (distance, matches)
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = (i, 0);
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = (j, 0);
    }
    for i in 1..=n {
        for j in 1..=m {
            let diag = if x[i - 1] == y[j - 1] {
                (d[i - 1][j - 1].0, d[i - 1][j - 1].1 + 1)
            } else {
                (d[i - 1][j - 1].0 + 1, d[i - 1][j - 1].1)
            };
            let up = (d[i - 1][j].0 + 1, d[i - 1][j].1);
            let left = (d[i][j - 1].0 + 1, d[i][j - 1].1);
            d[i][j] = [diag, up, left]
                .into_iter()
                .min_by_key(|&(dist, mat)| (dist, std::cmp::Reverse(mat)))
                .unwrap_or(diag);
        }
    }
    let (dist, matches) = d[n][m];
    // Columns = matches + substitutions + indels = matches + distance.
    (matches, matches + dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &str, b: &str) -> Vec<Aligned> {
        align(&Content::new(a), &Content::new(b), &Params::default())
    }

    const PARA: &str = "各级党组织要把学习贯彻作为重大政治任务，领导干部要先学一步、多学一点、学深一些，到困难多、矛盾多和党员群众意见多的地方去";

    #[test]
    fn copied_passage_with_an_edit_is_one_passage() {
        let a = format!("开头的一些话没有关系。{PARA}。结尾");
        let edited = PARA.replace("重大政治任务", "首要政治任务");
        let b = format!("完全不同的开场白在这里出现。{edited}。别的");
        let got = run(&a, &b);
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        let ca = Content::new(&a);
        let start: String = ca.chars[p.a.0..p.a.0 + 5].iter().collect();
        assert_eq!(start, "各级党组织");
        assert!(p.identity() > 0.9 && p.identity() < 1.0, "{}", p.identity());
        assert_eq!(p.a.1 - p.a.0, Content::new(PARA).len());
    }

    #[test]
    fn unrelated_texts_give_nothing() {
        let got = run(
            "今年全县粮食产量稳定增长，农民收入持续提高，脱贫攻坚成果巩固拓展。",
            "会议听取了关于城市规划的汇报，研究部署下一阶段交通建设重点任务。",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn short_shared_phrases_are_ignored() {
        let got = run("我们要深入学习贯彻会议精神。", "大家都在学习贯彻会议精神吗");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_repeated_passage_aligns_to_each_copy() {
        let b = format!("{PARA}。中间隔开一段完全不同的文字内容以免连上。{PARA}");
        let got = run(PARA, &b);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|p| p.identity() == 1.0));
    }

    #[test]
    fn a_text_compared_with_itself_is_one_passage_though_it_repeats_a_paragraph() {
        // Regression: the whole text, then the paragraph against its own copy both ways.
        let text = format!("{PARA}。中间隔开一段完全不同的文字内容以免连上。{PARA}。最后再写一段结束的话语作为结尾。");
        let got = run(&text, &text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].a, got[0].b);
    }

    #[test]
    fn gap_alignment_counts_substitutions_and_indels() {
        let x: Vec<char> = "重大".chars().collect();
        let y: Vec<char> = "首要的".chars().collect();
        assert_eq!(gap_alignment(&x, &y), (0, 3));
        let x: Vec<char> = "abc".chars().collect();
        let y: Vec<char> = "axc".chars().collect();
        assert_eq!(gap_alignment(&x, &y), (2, 3));
    }
}
