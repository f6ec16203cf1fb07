-- The one query dossier runs against PostgreSQL. To read a table of your own, copy this file into
-- your project and adapt it: keep the fourteen output columns under these names and in this order
-- (select yours AS them), and keep the two parameters, first the run ids (bound as a text array),
-- then the factor. Name the copy with --query FILE or the spec's 'query:'. Filter here, in SQL, so
-- that only the rows needed leave the server.
-- COLLATE "C" sorts text by code point, the same on every server, whatever its locale.
SELECT run_id,
       factor,
       variant,
       crypto,
       fold,
       status,
       f1_buy,
       sortino,
       total_return,
       n_trades,
       ece,
       expectancy_net,
       max_drawdown,
       created_at
  FROM finetune_results
 WHERE run_id = ANY (?)
   AND factor = ?
 ORDER BY run_id COLLATE "C", factor COLLATE "C", variant COLLATE "C", crypto COLLATE "C",
          fold, created_at, status COLLATE "C"
