"""A deterministic synthetic glossary of N concepts with realistic trilingual text.

`python -m benchmarks.synthetic N DIR` writes DIR/glossary.toml and DIR/concepts/*.yaml.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

DOMAINS = (
    "ai-models",
    "generative-models",
    "discriminative-models",
    "other-model-types",
    "architectures",
    "learning-and-training",
    "tasks",
)
EN = (
    "adaptive attention autoregressive bayesian contrastive convolutional deep diffusion "
    "discriminative distributed encoder federated generative graph hierarchical latent linear "
    "masked multimodal neural probabilistic recurrent residual self-supervised sparse "
    "statistical structured temporal variational visual"
).split()
EN_NOUNS = (
    "model network classifier decoder transformer embedding policy estimator detector "
    "generator regressor sampler tokenizer retriever planner"
).split()
RU = (
    "адаптивная авторегрессионная байесовская контрастная свёрточная глубокая диффузионная "
    "дискриминативная распределённая федеративная генеративная графовая иерархическая "
    "латентная линейная маскированная мультимодальная нейронная вероятностная рекуррентная "
    "остаточная разреженная статистическая структурная временная вариационная визуальная"
).split()
RU_NOUNS = (
    "модель сеть архитектура система функция политика оценка выборка схема процедура "
    "структура модификация процедура кодировка"
).split()
ZH = (
    "自适应 注意力 自回归 贝叶斯 对比 卷积 深度 扩散 判别 分布式 编码 联邦 生成 图 层次 "
    "潜在 线性 掩码 多模态 神经 概率 循环 残差 稀疏 统计 结构化 时序 变分 视觉"
).split()
ZH_NOUNS = (
    "模型 网络 分类器 解码器 变换器 嵌入 策略 估计器 检测器 生成器 回归器 采样器 分词器 "
    "检索器 规划器"
).split()
FILLER_EN = (
    "learns represents data from large collections and predicts outputs for tasks such as "
    "text images speech with"
).split()
FILLER_RU = (
    "обучается на больших массивах данных и предсказывает результаты для задач обработки "
    "текста изображений речи"
).split()
FILLER_ZH = "在 大规模 数据 上 训练 并 为 文本 图像 语音 等 任务 预测 输出 的 方法".split()


def _sentence(rng: random.Random, words: list[str], n: int, joiner: str = " ") -> str:
    return joiner.join(rng.choice(words) for _ in range(n))


def concept(rng: random.Random, index: int, ids: list[str]) -> dict:
    """One concept: terms in three languages made unique by a number, definitions, relations."""
    a, b, noun = rng.choice(EN), rng.choice(EN), rng.choice(EN_NOUNS)
    en = f"{a} {b} {noun} {index}"
    abbreviation = "".join(w[0] for w in f"{a} {b} {noun}".replace("-", " ").split()).upper()
    ru = f"{rng.choice(RU)} {rng.choice(RU)} {rng.choice(RU_NOUNS)} {index}"
    zh = f"{rng.choice(ZH)}{rng.choice(ZH)}{rng.choice(ZH_NOUNS)}{index}"
    data: dict = {
        "kind": "concept",
        "domain": DOMAINS[index % len(DOMAINS)],
        "terms": {
            "en": [
                {"text": en, "status": "preferred", "type": "full-form"},
                {"text": f"{abbreviation}-{index}", "status": "admitted", "type": "abbreviation"},
            ],
            "ru": [{"text": ru, "status": "preferred"}],
            "zh-Hans": [{"text": zh, "status": "preferred"}],
        },
        "definition": {
            "en": f"A {a} {noun} that " + _sentence(rng, FILLER_EN, rng.randint(15, 35)) + ".",
            "ru": "Модель, которая " + _sentence(rng, FILLER_RU, rng.randint(12, 30)) + ".",
            "zh-Hans": "一种" + _sentence(rng, FILLER_ZH, rng.randint(12, 30), "") + "的模型。",
        },
    }
    if ids:
        data["broader"] = [ids[rng.randrange(max(1, len(ids) // 2))]]
        data["related"] = sorted({rng.choice(ids) for _ in range(2)} - set(data["broader"]))
    return data


def header() -> str:
    """Its glossary.toml: the three languages and a domain per DOMAINS, with nothing else (so
    that the code of any past version reads it too)."""
    lines = [
        'languages = ["en", "ru", "zh-Hans"]',
        'title = { en = "Synthetic glossary", ru = "Синтетический глоссарий", '
        'zh-Hans = "合成术语表" }',
        'description = { en = "Made up for timing.", ru = "Создан для замеров.", '
        'zh-Hans = "为计时而生成。" }',
    ]
    for order, domain in enumerate(DOMAINS, 1):
        name = domain.replace("-", " ").capitalize()
        lines += [
            "",
            "[[domains]]",
            f'id = "{domain}"',
            f"order = {order}",
            f'name = {{ en = "{name}", ru = "Раздел {order}", zh-Hans = "领域{order}" }}',
        ]
    return "\n".join(lines) + "\n"


def write(n: int, folder: Path, seed: int = 7) -> Path:
    """Write a glossary of `n` concepts into `folder` (replacing it) and return the folder."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "concepts").mkdir(parents=True)
    (folder / "glossary.toml").write_text(header(), encoding="utf-8")
    rng = random.Random(seed)
    ids: list[str] = []
    for index in range(n):
        concept_id = f"concept-{index:05d}"
        data = concept(rng, index, ids)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (folder / "concepts" / f"{concept_id}.yaml").write_text(text)
        ids.append(concept_id)
    return folder


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
